import { addDays } from '../collections/dates/addPeriod';
import type { PreferredContact } from './outreachAccount';
import { localClock, minutesOf, zonedInstant } from './zonedTime';

/**
 * The first moment at or after `now` that suits the debtor's preferred contact time: inside their window
 * (`from`–`to` local, which may wrap midnight) and not before `notBefore`. `now` itself when it already suits or
 * when no preference is recorded. Pure.
 */
export function preferredMoment(preferred: PreferredContact | null, now: Date, timeZone: string): Date {
  if (!preferred) return now;
  let at = preferred.notBefore && preferred.notBefore.getTime() > now.getTime() ? preferred.notBefore : now;
  const window = preferred.window;
  if (!window) return at;
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  const local = localClock(at, timeZone);
  const inside = from <= to ? local.minutes >= from && local.minutes < to : local.minutes >= from || local.minutes < to;
  if (inside) return at;
  const startsToday = from <= to ? local.minutes < from : true;
  at = zonedInstant(startsToday ? local.date : addDays(local.date, 1), from, timeZone);
  return at;
}
