import { fromLocalTime, toLocalTime } from '../compliance/localTime';

/** A wall-clock reading in a time zone: the calendar date and the minutes since local midnight. */
export interface LocalClock {
  date: string;
  minutes: number;
}

/**
 * The compliance gate's clock (core/compliance/localTime), with its answers remembered per argument: a sweep asks the
 * same few (time zone, instant) and (date, time, zone) questions for thousands of accounts. Bounded, and cleared
 * whole when full; the answers never change, so this stays pure.
 */
const MEMO_LIMIT = 50_000;
const clocks = new Map<string, LocalClock>();
const instants = new Map<string, number>();

function remember<T>(memo: Map<string, T>, key: string, compute: () => T): T {
  const known = memo.get(key);
  if (known !== undefined) return known;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const value = compute();
  memo.set(key, value);
  return value;
}

/** What a wall clock in `timeZone` shows at `instant`, to the minute (toLocalTime). Pure. */
export function localClock(instant: Date, timeZone: string): LocalClock {
  return remember(clocks, `${timeZone}|${instant.getTime()}`, () => {
    const local = toLocalTime(instant, timeZone);
    return { date: local.date, minutes: Math.floor(local.minutes) };
  });
}

/** Minutes since midnight of an `HH:MM` text (validated by the cadence schema). Pure. */
export function minutesOf(clockTime: string): number {
  const [hours, minutes] = clockTime.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** The instant a wall clock in `timeZone` shows `minutes` after midnight on `date` (fromLocalTime). Pure. */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  return new Date(remember(instants, `${timeZone}|${date}|${minutes}`, () => fromLocalTime(date, minutes, timeZone).getTime()));
}
