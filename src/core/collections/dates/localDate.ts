import { formatIsoDate } from './isoDate';

/**
 * The calendar date (YYYY-MM-DD) an instant falls on in an IANA time zone: what "today" is for the debtor.
 * Throws on an unknown time zone (validated when debtors are imported, so one here is a bug). Pure.
 */
export function localDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(instant);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return formatIsoDate(get('year'), get('month'), get('day'));
}
