import { maskReferenceNumbers } from './maskReferenceNumbers';
import { prepareText } from './prepareText';
import type { PreparedText } from './prepareText';
import { readBirthDate } from './readBirthDate';

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
  /\b(?:cedula|cc|dni|rut|run|ine|curp|documento|identificacion|nit|pasaporte|nie|ssn|social|id|ultim[oa]s|last|terminacion|termina(?:da|do)? en|terminad[oa] en|ends? (?:in|with)|ending (?:in|with)|nacimiento|naci|nac|born|birth|birthday|dob|cumpleanos)\b/;
// The whole message is just a number: optional filler, then the value.
const ANSWER_ONLY_RE = /^(?:(?:es|son|mi|my|el|la|los|is|are|seria|ok|si|yes|claro)\s)*\d[\d.\s-]*k?$/;
const DOCUMENT_RE = /(?<![\d.,$€])(\d{1,3}(?:[.\s-]\d{3}){1,3}(?:-[\dk])?|\d{4,12})(?![\d$€]|[.,]\d|\s?(?:mil|k|lucas?|pesos|soles|euros|dolares|dollars)\b)/;

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
  const keyword = KEYWORD_RE.test(text.norm);
  // A full date old enough to be a birth date is an answer wherever it appears.
  const birth = readBirthDate(text, ctx.now, ctx.expected === true || keyword);
  if (birth) return birth;
  const bare = ctx.bareAnswers !== false && ANSWER_ONLY_RE.test(text.norm);
  if (!ctx.expected && !bare && !keyword) return undefined;
  // A receipt or operation number is not a document, even where the bot asked for one.
  const doc = DOCUMENT_RE.exec(maskReferenceNumbers(text.norm));
  if (!doc) return undefined;
  const digits = (doc[1] ?? '').replace(/[^\dk]/g, '').replace(/k$/, '');
  if (!ctx.expected && !keyword && digits.length !== 4 && digits.length < 7) return undefined;
  return digits.length >= 4 ? digits : undefined;
}
