import { createFormatterCache } from './createFormatterCache';
import type { FormatterCache } from './createFormatterCache';

/** A calendar date without a time zone; month is 1–12. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;

/**
 * The calendar date at `now` in an IANA time zone, via Intl. Pass the caller's formatter cache to avoid
 * building a formatter (~50 µs) per call. Pure (the instant comes in; no clock read).
 */
export function getLocalDay(now: Date, timeZone: string, formatters?: FormatterCache): CalendarDay {
  const formatter = formatters?.get(timeZone) ?? createFormatterCache(1).get(timeZone);
  const parts = formatter.formatToParts(now);
  return { year: pickPart(parts, 'year'), month: pickPart(parts, 'month'), day: pickPart(parts, 'day') };
}

function pickPart(parts: readonly Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): number {
  for (const part of parts) if (part.type === type) return Number(part.value);
  return Number.NaN;
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian, UTC arithmetic). Pure. */
export function toEpochDay(d: CalendarDay): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY);
}

/** The calendar date `n` days after `d` (Date.UTC normalises overflowing days and months). Pure. */
export function addDays(d: CalendarDay, n: number): CalendarDay {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Number of days in a month. Pure. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day of week, 0 = Sunday … 6 = Saturday. Pure. */
export function weekdayOf(d: CalendarDay): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** The same day of the month `n` months later, clamped to the month's length. Pure. */
export function addMonths(d: CalendarDay, n: number): CalendarDay {
  const index = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

/** True when the year/month/day triple names a real date. Pure. */
export function isValidDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** ISO 8601 calendar date string, YYYY-MM-DD. Pure. */
export function formatIsoDay(d: CalendarDay): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
