import { maskReferenceNumbers } from './maskReferenceNumbers';
import { normalizeText } from './normalizeText';
import { replaceNumberWords } from './replaceNumberWords';

/** An utterance normalised once and shared by the intent rules and every entity parser. */
export interface PreparedText {
  /** Lowercased, accent-free, shorthand-expanded text with misspelt keywords corrected; intent rules read this. */
  norm: string;
  /**
   * `norm` with number words written as digits ("cincuenta mil" → "50000") and payment reference numbers masked
   * ("comprobante 8837261" is no amount); entity parsers read this.
   */
  num: string;
  /** Rule set picked from the locale's language part. */
  lang: 'es' | 'en';
}

/** Normalises an utterance for the recognizer and the entity parsers. Pure. */
export function prepareText(text: string, locale: string): PreparedText {
  const lang = locale.toLowerCase().startsWith('en') ? 'en' : 'es';
  const norm = normalizeText(text, lang);
  return { norm, num: maskReferenceNumbers(replaceNumberWords(norm, lang)), lang };
}
