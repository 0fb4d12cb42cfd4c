import type { IntlCache } from '../intl/createIntlCache';
import { formatIsoDate } from './isoDate';

function dayOf(format: Intl.DateTimeFormat, instant: Date): string {
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of format.formatToParts(instant)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  return formatIsoDate(year, month, day);
}

/**
 * The calendar date (YYYY-MM-DD) an instant falls on in an IANA time zone: what "today" is for the debtor.
 * With a `cache` (one per registry) the formatter is reused and the last answer per time zone is remembered,
 * since every guard of a step asks about the same instant. Throws on an unknown time zone (validated when
 * debtors are imported, so one here is a bug). Pure.
 */
export function localDate(instant: Date, timeZone: string, cache?: IntlCache): string {
  if (cache === undefined) return dayOf(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }), instant);
  return cache.memoDay(timeZone, instant.getTime(), () => dayOf(cache.dayFormat(timeZone), instant));
}
