/** The source of the current time. Production uses the system clock; tests use a fake one they move by hand. */
export interface Clock {
  now(): Date;
}

/** A clock that reads the system time (I/O in the sense that its answer changes). */
export function createSystemClock(): Clock {
  return { now: () => new Date() };
}
