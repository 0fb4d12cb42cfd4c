import { sanitizeText } from './sanitizeText';

/**
 * Every checkable figure in a message, normalised so that two wordings of the same figure compare equal:
 * amounts ("$ 1.250.000" and "1.250.000 pesos" → "1250000"), dates ("15 de diciembre de 2026" → "2026-12-15",
 * year-less → "--12-15"), percentages, plain numbers and counts ("tres" → "3"), times, URLs and references
 * (codes mixing letters and digits such as acc-co-1234). Pure.
 */
export interface Figures {
  amounts: string[];
  dates: string[];
  percents: string[];
  numbers: string[];
  times: string[];
  urls: string[];
  references: string[];
}

/** Extracts the figures of a text; `locale` settles day/month order in numeric dates. Pure. */
export function extractFigures(text: string, locale = 'es'): Figures {
  const figures: Figures = { amounts: [], dates: [], percents: [], numbers: [], times: [], urls: [], references: [] };
  let rest = sanitizeText(text, 100_000);
  rest = take(rest, URL, (m) => figures.urls.push((m[0] ?? '').replace(/[.,;:!?)\]]+$/, '')));
  rest = take(rest, EMAIL, (m) => figures.references.push((m[0] ?? '').toLowerCase()));
  rest = takeDates(rest, locale, figures.dates);
  rest = take(rest, TIME, (m) => figures.times.push(`${Number(m[1])}:${m[2]}`));
  rest = take(rest, REFERENCE, (m) => figures.references.push((m[0] ?? '').toLowerCase()));
  rest = take(rest, PERCENT, (m) => figures.percents.push(normaliseNumber(m[1] ?? '')));
  rest = take(rest, AMOUNT_BEFORE, (m) => figures.amounts.push(normaliseNumber(m[1] ?? '')));
  rest = take(rest, AMOUNT_AFTER, (m) => figures.amounts.push(normaliseNumber(m[1] ?? '')));
  rest = take(rest, NUMBER, (m) => figures.numbers.push(normaliseNumber(m[0] ?? '')));
  take(rest, NUMBER_WORD, (m) => figures.numbers.push(String(NUMBER_WORDS[(m[0] ?? '').toLowerCase()] ?? m[0])));
  return {
    amounts: unique(figures.amounts),
    dates: unique(figures.dates),
    percents: unique(figures.percents),
    numbers: unique(figures.numbers),
    times: unique(figures.times),
    urls: unique(figures.urls),
    references: unique(figures.references),
  };
}

/** Turns "1.250.000", "1,250.00", "1520,75" into "1250000", "1250", "1520.75". Pure. */
export function normaliseNumber(raw: string): string {
  const s = raw.replace(/[\u00A0\u202F\s]/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let intPart = s;
  let decPart = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalAt = Math.max(lastDot, lastComma);
    intPart = s.slice(0, decimalAt);
    decPart = s.slice(decimalAt + 1);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = s.split(sep);
    const tail = parts[parts.length - 1] ?? '';
    // One separator followed by exactly three digits reads as thousands in every locale we serve.
    if (parts.length > 2 || tail.length === 3) intPart = parts.join('');
    else {
      intPart = parts.slice(0, -1).join('');
      decPart = tail;
    }
  }
  const digits = intPart.replace(/[.,]/g, '').replace(/^0+(?=\d)/, '');
  const decimals = decPart.replace(/0+$/, '');
  return decimals ? `${digits}.${decimals}` : digits;
}

/** Replaces every match by a space (so it is not counted twice) after handing its groups to `onMatch`. */
function take(text: string, pattern: RegExp, onMatch: (m: string[]) => void): string {
  return text.replace(pattern, (...args: unknown[]) => {
    // replace() passes match, groups..., offset, whole string: keep the first part, '' for unmatched groups.
    onMatch(args.slice(0, -2).map((a) => (typeof a === 'string' ? a : '')));
    return ' ';
  });
}

function takeDates(text: string, locale: string, out: string[]): string {
  let rest = take(text, ISO_DATE, (m) => out.push(`${m[1]}-${m[2]}-${m[3]}`));
  const monthFirst = locale.toLowerCase().startsWith('en-us') || locale.toLowerCase() === 'en';
  rest = take(rest, NUMERIC_DATE, (m) => {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const [month, day] = monthFirst ? [a, b] : [b, a];
    out.push(isoOf(fullYear(m[3] ?? ''), month, day));
  });
  rest = take(rest, DAY_MONTH, (m) => out.push(isoOf(m[3] ?? '', MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1]))));
  rest = take(rest, MONTH_DAY, (m) => out.push(isoOf(m[3] ?? '', MONTHS[(m[1] ?? '').toLowerCase()] ?? 0, Number(m[2]))));
  return rest;
}

function fullYear(y: string): string {
  return y.length === 2 ? `20${y}` : y;
}

function isoOf(year: string, month: number, day: number): string {
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  return year ? `${year}-${mm}-${dd}` : `--${mm}-${dd}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))].sort();
}

const MONTHS: Readonly<Record<string, number>> = {
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8,
  septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
  ene: 1, feb: 2, mar: 3, abr: 4, may: 5, jun: 6, jul: 7, ago: 8, sep: 9, sept: 9, oct: 10, nov: 11, dic: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9,
  october: 10, november: 11, december: 12, jan: 1, aug: 8, dec: 12, apr: 4,
};
const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12,
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};

const NUM = String.raw`\d{1,3}(?:[.,\u00A0\u202F]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const CUR_BEFORE = String.raw`(?:US\$|MX\$|CLP\$|COP\$|S\/\.?|\$|€|£|USD|EUR|MXN|COP|CLP|PEN)`;
const CUR_AFTER = String.raw`(?:USD|EUR|MXN|COP|CLP|PEN|€|pesos|soles|euros|d[oó]lares|dollars)`;

const URL = /\bhttps?:\/\/[^\s<>"']+/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const NUMERIC_DATE = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/g;
const DAY_MONTH = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+de|\s+of)?\s+(${MONTH_NAMES})\.?(?:,?\s+(?:de\s+|del\s+)?(\d{4}))?\b`, 'gi');
const MONTH_DAY = new RegExp(String.raw`\b(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`, 'gi');
const TIME = /\b(\d{1,2}):(\d{2})\b/g;
const REFERENCE = /\b(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+\b|\b[A-Z]{2,}\d{3,}\b/g;
const PERCENT = new RegExp(String.raw`(${NUM})\s?(?:%|por\s?ciento|percent)`, 'gi');
const AMOUNT_BEFORE = new RegExp(String.raw`${CUR_BEFORE}\s?(${NUM})`, 'gi');
const AMOUNT_AFTER = new RegExp(String.raw`(${NUM})\s?${CUR_AFTER}(?![a-z])`, 'gi');
const NUMBER = new RegExp(NUM, 'g');
const NUMBER_WORD = new RegExp(String.raw`\b(?:${Object.keys(NUMBER_WORDS).join('|')})\b`, 'gi');
