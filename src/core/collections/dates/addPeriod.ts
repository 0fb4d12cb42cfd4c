import { daysInMonth, formatIsoDate, fromDayNumber, isoToDayNumber, parseIsoDate } from './isoDate';

/** How often installments fall due. */
export type Period = 'weekly' | 'biweekly' | 'monthly';

/** The ISO date `days` days after `date` (negative goes back). Pure. */
export function addDays(date: string, days: number): string {
  return fromDayNumber(isoToDayNumber(date) + days);
}

/**
 * The ISO date `months` months after `date`, keeping the anchor day of month and clamping it to the month's last
 * day: from Jan 31, +1 → Feb 28/29, +2 → Mar 31. Always compute from the anchor date with a growing `months`
 * (not step by step) or pass `anchorDay`, so a clamped February does not drag later months to the 28th. Pure.
 */
export function addMonths(date: string, months: number, anchorDay?: number): string {
  const parts = parseIsoDate(date);
  if (!parts) throw new Error(`not an ISO date: ${JSON.stringify(date)}`);
  const index = parts.year * 12 + (parts.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(anchorDay ?? parts.day, daysInMonth(year, month));
  return formatIsoDate(year, month, day);
}

/** The date of the n-th period after `start` (n = 0 is `start`): 7 or 14 days apart, or monthly anchored. Pure. */
export function addPeriods(start: string, period: Period, n: number): string {
  if (period === 'weekly') return addDays(start, 7 * n);
  if (period === 'biweekly') return addDays(start, 14 * n);
  return addMonths(start, n);
}

/** The ISO date `weeks` weeks after `date`. Pure. */
export function addWeeks(date: string, weeks: number): string {
  return addDays(date, 7 * weeks);
}
