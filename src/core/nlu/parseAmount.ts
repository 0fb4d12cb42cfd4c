import { getLocaleCurrency } from './getLocaleCurrency';
import { getMinorDigits } from './getMinorDigits';
import { parseNumeral } from './parseNumeral';
import { prepareText } from './prepareText';
import type { PreparedText } from './prepareText';
import type { MoneyEntity } from './types';

/** What the amount parser needs from the context. */
export interface AmountContext {
  locale: string;
  currency?: string;
}

/** An amount found in text; `explicit` when money is unmistakable (currency, multiplier, thousands). */
export interface AmountMatch {
  amount: MoneyEntity;
  explicit: boolean;
}

const AMOUNT_RE =
  /(?:(usd|\$|€|eur|pen|cop|mxn|clp)\s?)?(\d[\d.,]*\d|\d)(?:\s?(k|mil|lucas?|lukas?|palos?|millon(?:es)?|mm|grand|mill))?(?![\w/:-])(?:\s(?:de\s)?(pesos?|dolares?|dollars?|bucks|usd|euros?|eur|soles?|varos?|pavos|cop|mxn|clp|pen|lana|dls|dlls)\b)?(\s?€)?/g;
const HALF_RE = /\bmedi[oa] (?=palo|luca|millon)/g;
// A bare number followed by these is a count, a duration, a date or a time, not money.
const NOT_MONEY_AFTER_RE =
  /^\s?(?:%|st\b|nd\b|rd\b|th\b|am\b|pm\b|hrs?\b|horas?\b|cuotas?|pagos?\b|payments?|installments?|instalments?|meses|mes\b|dias?\b|semanas?|anos?\b|years?|months?|weeks?|days?|plazos?|partes|parts|abonos|quincenas|mensualidades|veces|times|digitos|digits|ultimos|de (?:ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/;
// ... and preceded by these it is a day of the month, a time or a document.
const NOT_MONEY_BEFORE_RE =
  /(?:\b(?:el|dia|del|hasta el|para el|the|on|by|las|a las|at|lunes|martes|miercoles|jueves|viernes|sabado|domingo|ultimos|last|cedula|cc|dni|rut|run|ine|documento|id|nit|ssn|terminacion|termina en|ends in|hace|of|de (?:ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic)\w*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)|[/:#-])\s?$/;

const THOUSAND_WORDS = new Set(['k', 'mil', 'luca', 'lucas', 'luka', 'lukas', 'grand']);
const CURRENCY_WORDS: Readonly<Record<string, string>> = {
  usd: 'USD', dolar: 'USD', dolares: 'USD', dollar: 'USD', dollars: 'USD', bucks: 'USD', dls: 'USD', dlls: 'USD',
  '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR', pavos: 'EUR',
  pen: 'PEN', sol: 'PEN', soles: 'PEN', cop: 'COP', mxn: 'MXN', clp: 'CLP', varo: 'MXN', varos: 'MXN',
};
const PESO_CURRENCIES = new Set(['COP', 'MXN', 'CLP']);
const DOLLAR_SIGN_CURRENCIES = new Set(['COP', 'MXN', 'CLP', 'USD']);

/** Parses the first amount of money in raw text ("50 mil", "$50.000", "2 palos", "S/ 150") into minor units. Pure. */
export function parseAmount(text: string, ctx: AmountContext): MoneyEntity | undefined {
  return readAmount(prepareText(text, ctx.locale), ctx)?.amount;
}

/** Finds the amount in prepared text, preferring an explicit one over a bare number. Pure. */
export function readAmount(text: PreparedText, ctx: AmountContext): AmountMatch | undefined {
  const source = text.num.includes('medi') ? text.num.replace(HALF_RE, '0.5 ') : text.num;
  let bare: AmountMatch | undefined;
  for (const m of source.matchAll(AMOUNT_RE)) {
    const [whole, pre, numeral, multiplier, post, euroAfter] = m;
    const hundredths = parseNumeral(numeral ?? '');
    if (hundredths === undefined) continue;
    const marked = Boolean(pre || post || euroAfter || multiplier);
    const before = source.slice(Math.max(0, m.index - 24), m.index);
    const after = source.slice(m.index + whole.length);
    if (!marked && (NOT_MONEY_AFTER_RE.test(after) || NOT_MONEY_BEFORE_RE.test(before))) continue;
    const scale = multiplier === undefined ? 1 : THOUSAND_WORDS.has(multiplier) ? 1_000 : 1_000_000;
    const currency = resolveCurrency(pre ?? (euroAfter ? '€' : undefined), post, multiplier, ctx);
    const amount = toMoney(hundredths * scale, currency);
    const thousands = /[.,]\d{3}(?!\d)/.test(numeral ?? '');
    if (marked || thousands) return { amount, explicit: true };
    bare ??= { amount, explicit: false };
  }
  return bare;
}

function resolveCurrency(
  pre: string | undefined,
  post: string | undefined,
  multiplier: string | undefined,
  ctx: AmountContext,
): string | undefined {
  const fallback = ctx.currency ?? getLocaleCurrency(ctx.locale);
  for (const marker of [pre, post]) {
    if (marker === undefined) continue;
    const named = CURRENCY_WORDS[marker];
    if (named) return named;
    if (marker === '$') return ctx.currency && DOLLAR_SIGN_CURRENCIES.has(ctx.currency) ? ctx.currency : 'USD';
    if (marker.startsWith('peso')) return fallback && PESO_CURRENCIES.has(fallback) ? fallback : ctx.currency;
  }
  // Slang multipliers (lucas, palos) are peso words; otherwise the account currency applies.
  return multiplier && fallback && !ctx.currency ? fallback : ctx.currency;
}

function toMoney(hundredths: number, currency: string | undefined): MoneyEntity {
  const digits = currency ? getMinorDigits(currency) : 2;
  const minor = digits === 2 ? hundredths : Math.round((hundredths * 10 ** digits) / 100);
  return currency ? { minor, currency } : { minor };
}
