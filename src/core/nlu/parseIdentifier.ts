import { isValidDay } from './calendarDay';
import { prepareText } from './prepareText';
import type { PreparedText } from './prepareText';
import { readMonth } from './readMonth';

/** What the identifier parser needs from the context. */
export interface IdentifierContext {
  locale: string;
  now: Date;
  /** True when the bot has just asked for an identifier, so any document-like number counts. */
  expected?: boolean;
  /** False when the bot asked for something else (an amount), so a bare number is not taken as a document. */
  bareAnswers?: boolean;
}

const KEYWORD_RE =
  /\b(?:cedula|cc|dni|rut|run|ine|curp|documento|identificacion|nit|pasaporte|nie|ssn|social|id|ultim[oa]s|last|terminacion|termina(?:da)? en|ends? (?:in|with)|nacimiento|naci|nac|born|birth|birthday|dob|cumpleanos)\b/;
// The whole message is just a number: optional filler, then the value.
const ANSWER_ONLY_RE = /^(?:(?:es|son|mi|my|el|la|los|is|are|seria|ok|si|yes|claro)\s)*\d[\d.\s-]*k?$/;
const ISO_RE = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
const SLASHED_RE = /(?<![\d.,])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-])/;
const DAY_MONTH_RE = /\b(\d{1,2}) (?:de |of )?([a-z]+)(?: de| del|,)? (\d{4})\b/;
const MONTH_DAY_RE = /\b([a-z]+) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b/;
const DOCUMENT_RE = /(?<![\d.,$€])(\d{1,3}(?:[.\s-]\d{3}){1,3}(?:-[\dk])?|\d{4,12})(?![\d$€]|[.,]\d|\s?(?:mil|k|lucas?|pesos|soles|euros|dolares|dollars)\b)/;
const MIN_AGE_YEARS = 10;

/**
 * Parses a verification answer: a document number (digits only, separators stripped; a 4-digit tail or the
 * full number) or a birth date as an ISO date. Returns undefined unless the text looks like an answer
 * (a document keyword, a message that is only the value, or `expected`). Pure.
 */
export function parseIdentifier(text: string, ctx: IdentifierContext): string | undefined {
  return readIdentifier(prepareText(text, ctx.locale), ctx);
}

/** Finds a verification identifier in prepared text. Pure. */
export function readIdentifier(text: PreparedText, ctx: IdentifierContext): string | undefined {
  // A full date old enough to be a birth date is an answer wherever it appears.
  const birth = readBirthDate(text, ctx.now.getUTCFullYear() - MIN_AGE_YEARS);
  if (birth) return birth;
  const bare = ctx.bareAnswers !== false && ANSWER_ONLY_RE.test(text.norm);
  if (!ctx.expected && !bare && !KEYWORD_RE.test(text.norm)) return undefined;
  const doc = DOCUMENT_RE.exec(text.norm);
  if (!doc) return undefined;
  const digits = (doc[1] ?? '').replace(/[^\dk]/g, '').replace(/k$/, '');
  if (!ctx.expected && !KEYWORD_RE.test(text.norm) && digits.length !== 4 && digits.length < 7) return undefined;
  return digits.length >= 4 ? digits : undefined;
}

function readBirthDate(text: PreparedText, latestYear: number): string | undefined {
  const iso = ISO_RE.exec(text.num);
  if (iso) return birthIso(Number(iso[1]), Number(iso[2]), Number(iso[3]), latestYear);
  const slashed = SLASHED_RE.exec(text.num);
  if (slashed) {
    const a = Number(slashed[1]);
    const b = Number(slashed[2]);
    const year = expandYear(slashed[3] ?? '', latestYear);
    const [day, month] = text.lang === 'en' && a <= 12 ? [b, a] : b > 12 ? [b, a] : [a, b];
    return birthIso(year, month, day, latestYear);
  }
  const dm = DAY_MONTH_RE.exec(text.num);
  if (dm) return birthIso(Number(dm[3]), readMonth(dm[2] ?? '') ?? 0, Number(dm[1]), latestYear);
  const md = MONTH_DAY_RE.exec(text.num);
  if (md) return birthIso(Number(md[3]), readMonth(md[1] ?? '') ?? 0, Number(md[2]), latestYear);
  return undefined;
}

function expandYear(text: string, latestYear: number): number {
  if (text.length === 4) return Number(text);
  const yy = Number(text);
  return 2000 + yy <= latestYear ? 2000 + yy : 1900 + yy;
}

function birthIso(year: number, month: number, day: number, latestYear: number): string | undefined {
  if (year < 1900 || year > latestYear || !isValidDay(year, month, day)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
