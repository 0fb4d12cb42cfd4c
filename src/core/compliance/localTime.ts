import type { Weekday } from './types';
import { WEEKDAYS } from './types';

/** An instant as the debtor's clock shows it. */
export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  weekday: Weekday;
  /** Minutes after local midnight. */
  minutes: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * Offsets are read from Intl once per (zone, quarter hour of UTC) and remembered: every offset and every change of
 * one since the 1970s falls on a quarter hour, so the offset is the same for the whole quarter hour, and Intl's
 * formatting (the costliest part of a sweep's decisions, thousands of times per batch) is not asked again. Bounded,
 * and cleared whole when full; the answers never change, so this stays pure.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const OFFSET_MEMO_LIMIT = 100_000;
const offsets = new Map<string, number>();

/** The offset of a zone from UTC at an instant, in milliseconds (local − UTC). Pure. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const start = Math.floor(instant.getTime() / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone}|${start}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const p = intlPartsOf(new Date(start), timeZone);
  const offset = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - start;
  if (offsets.size >= OFFSET_MEMO_LIMIT) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

function intlPartsOf(instant: Date, timeZone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const out = { y: 0, m: 0, d: 0, h: 0, min: 0, s: 0 };
  for (const part of formatFor(timeZone).formatToParts(instant)) {
    if (part.type === 'year') out.y = Number(part.value);
    else if (part.type === 'month') out.m = Number(part.value);
    else if (part.type === 'day') out.d = Number(part.value);
    else if (part.type === 'hour') out.h = Number(part.value);
    else if (part.type === 'minute') out.min = Number(part.value);
    else if (part.type === 'second') out.s = Number(part.value);
  }
  return out;
}

function partsOf(instant: Date, timeZone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const local = new Date(instant.getTime() + zoneOffsetMs(instant, timeZone));
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate(), h: local.getUTCHours(), min: local.getUTCMinutes(), s: local.getUTCSeconds() };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Where an instant falls on the clock of an IANA time zone. Throws on an unknown zone (validated on import). Pure. */
export function toLocalTime(instant: Date, timeZone: string): LocalTime {
  const p = partsOf(instant, timeZone);
  const weekday = WEEKDAYS[new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay()] ?? 'sun';
  return { date: `${p.y}-${pad(p.m)}-${pad(p.d)}`, weekday, minutes: p.h * 60 + p.min + p.s / 60 };
}

/**
 * The instant at which the zone's clock shows `minutes` after midnight of `date`. A local time skipped by a daylight
 * saving jump maps to just after the jump; a repeated one to its first occurrence. Pure.
 */
export function fromLocalTime(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 0, 0) + Math.round(minutes * 60_000);
  const first = wall - zoneOffsetMs(new Date(wall), timeZone);
  const second = wall - zoneOffsetMs(new Date(first), timeZone);
  if (first === second) return new Date(first);
  // Two candidates: a repeated hour (both show the wall time: take the earlier) or a skipped one (neither does).
  const earlier = Math.min(first, second);
  const later = Math.max(first, second);
  const shows = (t: number) => t + zoneOffsetMs(new Date(t), timeZone) === wall;
  if (shows(earlier)) return new Date(earlier);
  if (shows(later)) return new Date(later);
  return new Date(later);
}

/** The calendar date `days` after `date` (YYYY-MM-DD). Pure. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Whole calendar days from `a` to `b` (positive when b is later). Pure. */
export function daysBetween(a: string, b: string): number {
  const parse = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  };
  return Math.round((parse(b) - parse(a)) / 86_400_000);
}

/** 'HH:MM' as minutes after midnight ('24:00' is 1440). Pure. */
export function parseClock(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
