import { getMinorDigits } from '../nlu/getMinorDigits';
import type { Entities, NluContext } from '../nlu/types';
import { extractFigures } from './extractFigures';
import { findSpelledNumbers } from './findSpelledNumbers';
import { sanitizeText } from './sanitizeText';

/**
 * Tells whether an entity a model extracted is backed by the debtor's own words: the amount, count or
 * identifier appears in the text (in digits or words), the date is written in it or a relative-date word is
 * there and the date lies within a sane window from today. Used to drop values a model invented. Pure.
 */
export function isEntityInText(text: string, key: keyof Entities, entities: Entities, ctx: NluContext): boolean {
  const clean = sanitizeText(text);
  switch (key) {
    case 'amount':
      return entities.amount !== undefined && hasAmount(clean, entities.amount.minor, entities.amount.currency ?? ctx.currency, ctx.locale);
    case 'date':
      return entities.date !== undefined && hasDate(clean, entities.date, ctx);
    case 'count':
      return entities.count !== undefined && numbersIn(clean, ctx.locale).includes(entities.count);
    case 'identifier':
      return entities.identifier !== undefined && hasIdentifier(clean, entities.identifier, ctx.locale);
    case 'frequency':
      return entities.frequency !== undefined && FREQUENCY_WORDS.test(fold(clean));
  }
}

/**
 * ISO 4217 minor-unit digits of a currency, as amounts are stored (COP 2, CLP 0), from the NLU's table so the
 * model's amounts are read exactly as the rules' are. Pure.
 */
export function currencyMinorDigits(currency: string): number {
  return getMinorDigits(currency);
}

function numbersIn(text: string, locale: string): number[] {
  const f = extractFigures(text, locale);
  const plain = [...f.amounts, ...f.numbers].map(Number);
  return [...plain, ...findSpelledNumbers(text)].filter((n) => Number.isFinite(n));
}

function hasAmount(text: string, minor: number, currency: string | undefined, locale: string): boolean {
  if (!Number.isInteger(minor) || minor <= 0) return false;
  const major = minor / 10 ** currencyMinorDigits(currency ?? 'USD');
  return numbersIn(text, locale).some((n) => Math.abs(n - major) < 0.005);
}

function hasIdentifier(text: string, identifier: string, locale: string): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(identifier)) return extractFigures(text, locale).dates.includes(identifier);
  const digits = identifier.replace(/\D/g, '');
  // Compare whole digit groups ("1.023.456.789" → 1023456789), never a slice of a longer number.
  const groups = (text.match(/\d(?:[\d.\- ]*\d)?/g) ?? []).map((g) => g.replace(/\D/g, ''));
  return digits.length >= 3 && groups.includes(digits);
}

function hasDate(text: string, iso: string, ctx: NluContext): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const date = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return false;
  const today = new Date(`${todayIn(ctx)}T12:00:00Z`);
  const days = Math.round((date.getTime() - today.getTime()) / 86_400_000);
  // A promise or plan date is never in the past nor more than a year away; anything else was made up.
  if (days < 0 || days > 366) return false;
  const written = extractFigures(text, ctx.locale).dates;
  if (written.includes(iso) || written.includes(`--${match[2]}-${match[3]}`)) return true;
  const folded = fold(text);
  if (RELATIVE_DATE_WORDS.test(folded)) return true;
  // "el 15" / "on the 15th": the day of the month written alone.
  return new RegExp(`(?:^|\\D)0?${Number(match[3])}(?:st|nd|rd|th)?(?!\\d)`).test(folded) && DAY_CUE.test(folded);
}

function todayIn(ctx: NluContext): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ctx.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ctx.now);
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const RELATIVE_DATE_WORDS =
  /\b(?:hoy|manana|pasado manana|lunes|martes|miercoles|jueves|viernes|sabado|domingo|semana|quincena|fin de mes|proximo mes|dias?|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend|end of the month|next month|days?)\b/;
const DAY_CUE = /\b(?:el|dia|the|on|para|by|antes del?|before)\b/;
const FREQUENCY_WORDS =
  /\b(?:semanal\w*|cada semana|quincenal\w*|cada quince dias|cada dos semanas|mensual\w*|cada mes|al mes|weekly|every week|biweekly|bi-weekly|every two weeks|fortnight\w*|monthly|every month|a month|per month)\b/;
