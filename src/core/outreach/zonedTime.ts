import { formatIsoDate, parseIsoDate } from '../collections/dates/isoDate';
import { zoneOffsetMs } from '../compliance/localTime';

/** A wall-clock reading in a time zone: the calendar date and the minutes since local midnight. */
export interface LocalClock {
  date: string;
  minutes: number;
}

/**
 * Answers remembered per argument: a sweep asks the same few (time zone, instant) and (date, time, zone) questions
 * for thousands of accounts, and Intl formatting is the costliest part of a decision. Bounded, and cleared whole
 * when full; the answers never change, so this stays pure.
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

/** What a wall clock in `timeZone` shows at `instant`. Throws on an unknown time zone (a bug: imports validate it). Pure. */
export function localClock(instant: Date, timeZone: string): LocalClock {
  return remember(clocks, `${timeZone}|${instant.getTime()}`, () => {
    const local = new Date(instant.getTime() + zoneOffsetMs(instant, timeZone));
    return { date: formatIsoDate(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
  });
}

/** Minutes since midnight of an `HH:MM` text (validated by the cadence schema). Pure. */
export function minutesOf(clockTime: string): number {
  const [hours, minutes] = clockTime.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * The instant a wall clock in `timeZone` shows `minutes` after midnight on `date` (two rounds of offset
 * correction settle it across a daylight-saving change; in a gap the clock has jumped, so the answer lands just
 * after it). Pure.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const at = remember(instants, `${timeZone}|${date}|${minutes}`, () => {
    const parts = parseIsoDate(date);
    if (!parts) throw new Error(`not an ISO date: ${JSON.stringify(date)}`);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day) + minutes * 60_000;
    const guess = wall - zoneOffsetMs(new Date(wall), timeZone);
    return wall - zoneOffsetMs(new Date(guess), timeZone);
  });
  return new Date(at);
}
