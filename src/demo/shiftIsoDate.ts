/**
 * Moves an ISO date (YYYY-MM-DD) by whole days or months in calendar terms (no time zone involved).
 * Adding months clamps to the last day of the target month (Jan 31 + 1 month = Feb 28/29). Pure.
 */
export function shiftIsoDate(isoDate: string, by: { days?: number; months?: number }): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) throw new Error(`not an ISO date: ${isoDate}`);
  const monthIndex = m - 1 + (by.months ?? 0);
  const lastDay = new Date(Date.UTC(y, monthIndex + 1, 0)).getUTCDate();
  const base = new Date(Date.UTC(y, monthIndex, Math.min(d, lastDay)));
  base.setUTCDate(base.getUTCDate() + (by.days ?? 0));
  return base.toISOString().slice(0, 10);
}
