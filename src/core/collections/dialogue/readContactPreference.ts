import { normalizeText } from '../../nlu/normalizeText';
import { addDays } from '../dates/addPeriod';
import { parseIsoDate } from '../dates/isoDate';
import { localDate } from '../dates/localDate';

/** The contract shape of debtors.preferred_contact (migration 0650), in the debtor's time zone. */
export interface PreferredContact {
  window?: { from: string; to: string };
  notBefore?: string;
  recordedAt: string;
}

/** The preference and what to say back: the day asked for and the hour from which, when the debtor named them. */
export interface ContactRequest {
  preference: PreferredContact;
  /** Calendar day (ISO) the debtor asked to be written on, when they named one. */
  day?: string;
  /** 'HH:MM' from which they asked to be written to, when they named one. */
  from?: string;
}

const WEEKDAYS: Readonly<Record<string, number>> = {
  domingo: 0, lunes: 1, martes: 2, miercoles: 3, jueves: 4, viernes: 5, sabado: 6,
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};
const HOUR_RE = /\b(?:despues de|desde|a partir de|after|from|at|a) (?:las? )?(\d{1,2})(?::(\d{2}))?\s?(am|pm|de la (?:manana|tarde|noche))?/;
const PARTS: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:en la manana|por la manana|in the morning)\b/, '08:00'],
  [/\b(?:en la tarde|por la tarde|in the afternoon)\b/, '14:00'],
  [/\b(?:en la noche|por la noche|tonight|in the evening)\b/, '18:00'],
];
const TOMORROW_RE = /\b(?:manana|tomorrow)\b(?! en la manana)/;
const PAYDAY_RE = /\b(?:cuando me paguen|dia de (?:pago|quincena)|quincena|payday|fin de mes|end of the month)\b/;
const WEEKDAY_RE = /\b(?:el |on )?(domingo|lunes|martes|miercoles|jueves|viernes|sabado|sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/;
// "Later" with nothing more precise: a few hours, so the next message does not land in the same moment.
const LATER_HOURS = 3;
// A day named without an hour starts at this local time (quiet hours are the compliance gate's business).
const DAY_START = '09:00';

/**
 * Reads when a debtor asked to be written to ("escríbanme mañana después de las 6", "call me later", "on payday")
 * as the preferred_contact contract: `window` when an hour or part of the day was named, `notBefore` when a day (or
 * "later") was. `date` is a day the NLU already read from the message, if any. Payday is the next 15th or month
 * end. Pure.
 */
export function readContactPreference(text: string, input: { lang: 'es' | 'en'; now: Date; timeZone: string; date?: string }): ContactRequest {
  const norm = normalizeText(text, input.lang);
  const today = localDate(input.now, input.timeZone);
  const recordedAt = input.now.toISOString();
  const from = readFrom(norm);
  const day = readDay(norm, today, input.date);
  const preference: PreferredContact = { recordedAt };
  if (from !== undefined) preference.window = { from, to: from < '21:00' ? '21:00' : '23:59' };
  if (day !== undefined) preference.notBefore = zonedInstant(day, from ?? DAY_START, input.timeZone).toISOString();
  else if (from === undefined) preference.notBefore = new Date(input.now.getTime() + LATER_HOURS * 3_600_000).toISOString();
  return { preference, ...(day !== undefined ? { day } : {}), ...(from !== undefined ? { from } : {}) };
}

function readFrom(norm: string): string | undefined {
  const hour = HOUR_RE.exec(norm);
  if (hour) {
    let h = Number(hour[1]);
    const suffix = hour[3] ?? '';
    if ((suffix === 'pm' || suffix.includes('tarde') || suffix.includes('noche') || (suffix === '' && h <= 7)) && h < 12) h += 12;
    if (h <= 23) return `${String(h).padStart(2, '0')}:${hour[2] ?? '00'}`;
  }
  for (const [re, at] of PARTS) if (re.test(norm)) return at;
  return undefined;
}

function readDay(norm: string, today: string, said: string | undefined): string | undefined {
  if (TOMORROW_RE.test(norm)) return addDays(today, 1);
  const weekday = WEEKDAY_RE.exec(norm);
  if (weekday?.[1] !== undefined) {
    const want = WEEKDAYS[weekday[1]] ?? 0;
    const now = new Date(`${today}T00:00:00Z`).getUTCDay();
    return addDays(today, ((want - now + 7) % 7) || 7);
  }
  if (PAYDAY_RE.test(norm)) return nextPayday(today);
  if (said !== undefined && parseIsoDate(said) && said > today) return said;
  return undefined;
}

/** The next 15th or last day of the month after `today`. */
function nextPayday(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const year = y ?? 1970;
  const month = m ?? 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  if ((d ?? 1) < 15) return `${year}-${pad(month)}-15`;
  if ((d ?? 1) < last) return `${year}-${pad(month)}-${pad(last)}`;
  return addDays(today, 15);
}

/** The instant a wall-clock time on a calendar day has in an IANA time zone (two passes settle DST edges). */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  let guess = wall;
  for (let i = 0; i < 2; i += 1) {
    const f: Record<string, number> = {};
    for (const p of format.formatToParts(new Date(guess))) if (p.type !== 'literal') f[p.type] = Number(p.value);
    const asUtc = Date.UTC(f.year ?? 1970, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
    guess += wall - asUtc;
  }
  return new Date(guess);
}
