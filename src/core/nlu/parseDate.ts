import { addDays, addMonths, daysInMonth, formatIsoDay, getLocalDay, isValidDay, toEpochDay, weekdayOf } from './calendarDay';
import type { CalendarDay } from './calendarDay';
import type { FormatterCache } from './createFormatterCache';
import { prepareText } from './prepareText';
import type { PreparedText } from './prepareText';
import { readMonth } from './readMonth';

/** What the date parser needs from the context. */
export interface DateContext {
  locale: string;
  timeZone: string;
  now: Date;
}

type Rule = (m: RegExpExecArray, today: CalendarDay, lang: 'es' | 'en') => CalendarDay | undefined;

const WEEKDAYS: Readonly<Record<string, number>> = {
  domingo: 0, lunes: 1, martes: 2, miercoles: 3, jueves: 4, viernes: 5, sabado: 6,
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  sun: 0, mon: 1, tue: 2, tues: 2, wed: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6,
};
const UNIT_DAYS: Readonly<Record<string, number>> = {
  dia: 1, dias: 1, day: 1, days: 1, semana: 7, semanas: 7, week: 7, weeks: 7,
};
const MONTH = '(ene\\w*|feb\\w*|mar\\w*|abr\\w*|may\\w*|jun\\w*|jul\\w*|ago\\w*|aug\\w*|sep\\w*|set\\w*|oct\\w*|nov\\w*|dic\\w*|dec\\w*|jan\\w*|apr\\w*)';
const WEEKDAY = '(lunes|martes|miercoles|jueves|viernes|sabado|domingo|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)';
const PAST_RE = /\b(?:pasado|pasada|last|ago|hace)\b/;

// Ordered: the first rule that matches decides. Explicit calendar dates beat relative words.
const RULES: ReadonlyArray<[RegExp, Rule]> = [
  [/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/, (m) => exact(Number(m[1]), Number(m[2]), Number(m[3]))],
  [/(?<![\d.,])(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2}|\d{4}))?(?![\d/-])/, (m, today, lang) => slashed(m, today, lang)],
  [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? (?:de |of )?${MONTH}(?: (?:de |del )?(\\d{4}))?\\b`), (m, t) => named(Number(m[1]), m[2], m[3], t)],
  [new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?\\b(?: (\\d{4}))?`), (m, t) => named(Number(m[2]), m[1], m[3], t)],
  [/\b(?:pasado manana|day after tomorrow)\b/, (_m, t) => addDays(t, 2)],
  [/\b(?:hoy|today|tonight|esta noche|esta tarde|esta manana|this morning|this afternoon)\b/, (_m, t) => t],
  [/\b(?:ayer|yesterday)\b/, (_m, t) => addDays(t, -1)],
  [/(?<!\b(?:la|las|en la|por la|de la|a la) )\b(?:manana|tomorrow|tmrw|tmr|tomorow)\b/, (_m, t) => addDays(t, 1)],
  [/\b(?:fin(?:al|ales)? de(?:l)? mes|end of (?:the )?month|month end|ultimo dia del mes|last day of the month)\b/,
    (_m, t) => ({ ...t, day: daysInMonth(t.year, t.month) })],
  [/(?<!\b(?:cada|por|x|every) (?:la )?)\bquincena\b/, (_m, t) => quincena(t)],
  [/\b(?:en|dentro de|in|within) (\d{1,3}|un|una|a|one) (dias?|semanas?|days?|weeks?)\b/,
    (m, t) => addDays(t, countOf(m[1]) * (UNIT_DAYS[m[2] ?? ''] ?? 1))],
  [/\b(?:en|dentro de|in|within) (\d{1,2}|un|a|one) (?:mes|meses|months?)\b/, (m, t) => addMonths(t, countOf(m[1]))],
  [/\b(?:la (?:otra|proxima|siguiente) semana|la semana (?:que viene|entrante|proxima)|next week)\b/, (_m, t) => addDays(t, 7)],
  [new RegExp(`\\b${WEEKDAY}\\b(?: (\\d{1,2})\\b)?`), (m, t) => weekday(m, t)],
  [/\b(?:el|el dia|dia|hasta el|para el|antes del|the|on the|by the|on) (\d{1,2})(?:st|nd|rd|th)?\b(?! (?:de |of )?(?:cuotas?|pagos?|dias?|meses|semanas|mil|payments?|days?|weeks?|months?|installments?|porciento|percent))/,
    (m, t) => nextDayOfMonth(Number(m[1]), t)],
  [/\b(\d{1,2})(?:st|nd|rd|th)\b/, (m, t) => nextDayOfMonth(Number(m[1]), t)],
];

const TRIGGER_RE =
  /\d|hoy|today|tonight|manana|tomorrow|tmr|ayer|yesterday|mes\b|month|quincena|semana|week|lunes|martes|miercoles|jueves|viernes|sabado|domingo|day|\b(?:mon|tue|wed|thu|fri|sat|sun)\b/;

/** Parses the first date in raw text ("el viernes", "15/12", "fin de mes", "next Friday") into an ISO date. Pure. */
export function parseDate(text: string, ctx: DateContext): string | undefined {
  return readDate(prepareText(text, ctx.locale), ctx);
}

/**
 * Finds a date in prepared text, resolved against `ctx.now` in `ctx.timeZone`. Future-looking phrases never
 * resolve to a past day ("el 15" on the 20th is next month's 15th). Pure; the local calendar day is only
 * computed when a date phrase is present because Intl is comparatively slow, with the caller's `formatters`.
 */
export function readDate(text: PreparedText, ctx: DateContext, formatters?: FormatterCache): string | undefined {
  if (!TRIGGER_RE.test(text.num)) return undefined;
  let today: CalendarDay | undefined;
  for (const [re, rule] of RULES) {
    const m = re.exec(text.num);
    if (!m) continue;
    today ??= getLocalDay(ctx.now, ctx.timeZone, formatters);
    const day = rule(m, today, text.lang);
    if (day) return formatIsoDay(day);
  }
  return undefined;
}

function exact(year: number, month: number, day: number): CalendarDay | undefined {
  return isValidDay(year, month, day) ? { year, month, day } : undefined;
}

function countOf(word: string | undefined): number {
  const n = Number(word);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** d/m[/y] in Spanish, m/d[/y] in English; swapped when only the other order is a real date. */
function slashed(m: RegExpExecArray, today: CalendarDay, lang: 'es' | 'en'): CalendarDay | undefined {
  const a = Number(m[1]);
  const b = Number(m[2]);
  let [day, month] = lang === 'en' ? [b, a] : [a, b];
  if (month > 12 && day <= 12) [day, month] = [month, day];
  if (m[3] !== undefined) {
    const y = Number(m[3]);
    return exact(m[3].length === 2 ? 2000 + y : y, month, day);
  }
  return nextOccurrence(month, day, today);
}

function named(day: number, monthWord: string | undefined, yearText: string | undefined, today: CalendarDay): CalendarDay | undefined {
  const month = readMonth(monthWord ?? '');
  if (month === undefined) return undefined;
  return yearText !== undefined ? exact(Number(yearText), month, day) : nextOccurrence(month, day, today);
}

/** The next (today or later) date with this month and day. */
function nextOccurrence(month: number, day: number, today: CalendarDay): CalendarDay | undefined {
  for (const year of [today.year, today.year + 1]) {
    const candidate = exact(year, month, day);
    if (candidate && toEpochDay(candidate) >= toEpochDay(today)) return candidate;
  }
  return undefined;
}

/** The next (today or later) date with this day of the month, skipping months too short for it. */
function nextDayOfMonth(day: number, today: CalendarDay): CalendarDay | undefined {
  if (day < 1 || day > 31) return undefined;
  for (let k = 0; k < 13; k += 1) {
    const first = addMonths({ ...today, day: 1 }, k);
    const candidate = exact(first.year, first.month, day);
    if (candidate && toEpochDay(candidate) >= toEpochDay(today)) return candidate;
  }
  return undefined;
}

/** Payday: the 15th or the last day of the month, whichever comes next. */
function quincena(today: CalendarDay): CalendarDay {
  if (today.day <= 15) return { ...today, day: 15 };
  return { ...today, day: daysInMonth(today.year, today.month) };
}

/** Next such weekday strictly after today ("el lunes" said on a Monday is next week), or the last one when said in the past. */
function weekday(m: RegExpExecArray, today: CalendarDay): CalendarDay | undefined {
  if (m[2] !== undefined) return nextDayOfMonth(Number(m[2]), today);
  const target = WEEKDAYS[m[1] ?? ''];
  if (target === undefined) return undefined;
  const ahead = ((target - weekdayOf(today) + 7) % 7) || 7;
  const after = m.input.slice(m.index, m.index + (m[0].length + 8));
  const past = PAST_RE.test(after) || /\b(?:last|pasado) $/.test(m.input.slice(0, m.index));
  return addDays(today, past ? ahead - 7 || -7 : ahead);
}
