import { z } from 'zod';

/**
 * Calendar dates as ISO strings (YYYY-MM-DD) and their day numbers (days since 1970-01-01), computed from the
 * proleptic Gregorian calendar with integer arithmetic so no time zone or DST can shift a date. Pure.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is rejected). */
export const isoDateSchema = z.string().refine((text) => parseIsoDate(text) !== null, {
  message: 'must be a calendar date written YYYY-MM-DD',
});

/** Year, month (1–12) and day of an ISO date, or null when the text is not a real date. Pure. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Number of days in a month of a year (Gregorian leap years). Pure. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Day number (days since 1970-01-01) of year/month/day; Howard Hinnant's days_from_civil. Pure. */
export function toDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** ISO date of a day number; inverse of toDayNumber. Pure. */
export function fromDayNumber(dayNumber: number): string {
  const z0 = dayNumber + 719468;
  const era = Math.floor(z0 / 146097);
  const doe = z0 - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatIsoDate(year, month, day);
}

/** YYYY-MM-DD from its parts. Pure. */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day numbers already worked out: an outreach sweep compares the same few dates for every account. Bounded. */
const dayNumbers = new Map<string, number>();

/** Day number of an ISO date; throws on a malformed date (validate with isoDateSchema first: a bad one is a bug). Pure. */
export function isoToDayNumber(text: string): number {
  const known = dayNumbers.get(text);
  if (known !== undefined) return known;
  const parts = parseIsoDate(text);
  if (!parts) throw new Error(`not an ISO date: ${JSON.stringify(text)}`);
  const day = toDayNumber(parts.year, parts.month, parts.day);
  if (dayNumbers.size >= 20_000) dayNumbers.clear();
  dayNumbers.set(text, day);
  return day;
}

/** Whole days from `from` to `to` (positive when `to` is later). Pure. */
export function daysBetween(from: string, to: string): number {
  return isoToDayNumber(to) - isoToDayNumber(from);
}
