import { isValidDay } from './calendarDay';
import type { PreparedText } from './prepareText';
import { readMonth } from './readMonth';

/** A birth date is at least this old (a younger "date" is a payment date, not a verification answer). */
const MIN_AGE_YEARS = 10;
// A year written with two digits ("del 90", "'88", "9/30/90") is read only inside this age range: "del 26" in a
// promise is this year, not 1926.
const MAX_TWO_DIGIT_AGE_YEARS = 90;

const ISO_RE = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
const SLASHED_RE = /(?<![\d.,])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-])/;
const DAY_SUFFIX_RE = /(?:st|nd|rd|th|ro|o)$/;
// Ordinal day words (number words such as "treinta" are digits already in `num`).
const ORDINAL_DAYS: ReadonlyMap<string, number> = new Map([
  ['primero', 1], ['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['fifth', 5], ['sixth', 6], ['seventh', 7],
  ['eighth', 8], ['ninth', 9], ['tenth', 10], ['eleventh', 11], ['twelfth', 12], ['thirteenth', 13], ['fourteenth', 14],
  ['fifteenth', 15], ['sixteenth', 16], ['seventeenth', 17], ['eighteenth', 18], ['nineteenth', 19], ['twentieth', 20],
  ['thirtieth', 30],
]);

// A day as digits ("30", "30th", "1ro") or as an ordinal word ("primero", "first", "thirtieth").
const DAY = `(\\d{1,2}(?:st|nd|rd|th|ro|o)?|${[...ORDINAL_DAYS.keys()].join('|')})`;
const NOT_MONEY = '(?! ?(?:mil|k|lucas?|pesos|soles|euros|dolares|dollars|bucks)\\b)';
// "30 de septiembre del 90", "5 de mayo de 1988", "30th of september, 1990", "30 sept 90".
const DAY_MONTH_RE = new RegExp(`\\b${DAY} (?:de |of (?:the )?)?([a-z]+)((?: de| del| of)? )(\\d{4}|\\d{2})\\b${NOT_MONEY}`);
// "september 30th 1990", "may 5th of 88" (commas are gone from normalised text).
const MONTH_DAY_RE = new RegExp(`\\b([a-z]+) (?:the )?${DAY}((?: of| del| de)? )(\\d{4}|\\d{2})\\b${NOT_MONEY}`);

/**
 * A birth date written in a message, as an ISO date: numeric ("15/03/1985", "9/30/90", "1985-03-15") or with the
 * month in words in Spanish or English ("30 de septiembre del 90", "treinta de septiembre de 1990", "el 5 de mayo
 * del 88", "september 30th 1990", "30th of september, 1990"). Only dates at least 10 years old count; a two-digit
 * year needs a connector ("del 90", "of 88") unless `loose` (the text names a document or birth date, or the bot asked
 * for one), and must give an age under 90. Pure.
 */
export function readBirthDate(text: PreparedText, now: Date, loose: boolean): string | undefined {
  const window = { latest: now.getUTCFullYear() - MIN_AGE_YEARS, earliestTwoDigit: now.getUTCFullYear() - MAX_TWO_DIGIT_AGE_YEARS };
  const iso = ISO_RE.exec(text.num);
  if (iso) return birthIso(Number(iso[1]), Number(iso[2]), Number(iso[3]), window.latest);
  const slashed = SLASHED_RE.exec(text.num);
  if (slashed) {
    const a = Number(slashed[1]);
    const b = Number(slashed[2]);
    const year = readYear(slashed[3] ?? '', window);
    const [day, month] = text.lang === 'en' && a <= 12 ? [b, a] : b > 12 ? [b, a] : [a, b];
    return year === undefined ? undefined : birthIso(year, month, day, window.latest);
  }
  const dm = DAY_MONTH_RE.exec(text.num);
  if (dm) {
    const found = fromWords(dm[1], dm[2], dm[3], dm[4], loose, window);
    if (found) return found;
  }
  const md = MONTH_DAY_RE.exec(text.num);
  return md ? fromWords(md[2], md[1], md[3], md[4], loose, window) : undefined;
}

interface YearWindow {
  latest: number;
  earliestTwoDigit: number;
}

function fromWords(
  dayText: string | undefined,
  monthText: string | undefined,
  connector: string | undefined,
  yearText: string | undefined,
  loose: boolean,
  window: YearWindow,
): string | undefined {
  const month = readMonth(monthText ?? '');
  const day = readDay(dayText ?? '');
  if (month === undefined || day === undefined || yearText === undefined) return undefined;
  // "30 sept 90" without a connector is a birth date only where one is expected.
  if (yearText.length === 2 && !loose && (connector ?? ' ') === ' ') return undefined;
  const year = readYear(yearText, window);
  return year === undefined ? undefined : birthIso(year, month, day, window.latest);
}

function readDay(text: string): number | undefined {
  const ordinal = ORDINAL_DAYS.get(text);
  if (ordinal !== undefined) return ordinal;
  const digits = text.replace(DAY_SUFFIX_RE, '');
  return /^\d{1,2}$/.test(digits) ? Number(digits) : undefined;
}

/** A four-digit year as is; a two-digit one in the century that gives an age between 10 and 90. */
function readYear(text: string, window: YearWindow): number | undefined {
  if (text.length === 4) return Number(text);
  const yy = Number(text);
  const year = 2000 + yy <= window.latest ? 2000 + yy : 1900 + yy;
  return year >= window.earliestTwoDigit ? year : undefined;
}

function birthIso(year: number, month: number, day: number, latestYear: number): string | undefined {
  if (year < 1900 || year > latestYear || !isValidDay(year, month, day)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
