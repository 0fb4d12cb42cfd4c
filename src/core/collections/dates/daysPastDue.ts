import type { IntlCache } from '../intl/createIntlCache';
import { daysBetween } from './isoDate';
import { localDate } from './localDate';

/**
 * Days an account is past its due date as the debtor's calendar sees it: 0 on or before the due date, 1 on the
 * day after, and so on. "Today" is taken in the debtor's time zone, so 02:00 UTC can still be yesterday in
 * Bogotá. `cache` reuses the time-zone formatter (localDate). Pure.
 */
export function daysPastDue(dueDate: string, now: Date, timeZone: string, cache?: IntlCache): number {
  return Math.max(0, daysBetween(dueDate, localDate(now, timeZone, cache)));
}
