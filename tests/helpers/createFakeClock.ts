import type { Clock } from '../../src/ports/clock';

export interface FakeClock extends Clock {
  advance(ms: number): void;
  set(at: Date): void;
}

/** A clock that only moves when the test moves it. */
export function createFakeClock(start = new Date('2026-11-20T15:00:00Z')): FakeClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    set(at) {
      current = at.getTime();
    },
  };
}
