/**
 * The calendar date (YYYY-MM-DD) that `now` falls on in an IANA time zone, so "today" is the debtor's today.
 * Pure.
 */
export function toLocalIsoDate(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
