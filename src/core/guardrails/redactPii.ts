/**
 * Replaces personal data with numbered placeholders ([NAME_1], [PHONE_1], [EMAIL_1], [DOC_1], [ADDRESS_1],
 * [ACCOUNT_1], [LINK_1]) before a text leaves for a model; `restorePii` puts the values back. The same value always gets
 * the same placeholder, so a model can refer to it. Amounts with thousands separators and dates are left alone:
 * the model needs them and they identify nobody. Pure.
 */
export type PiiKind = 'NAME' | 'PHONE' | 'EMAIL' | 'DOC' | 'ADDRESS' | 'ACCOUNT' | 'LINK';

export interface PiiReplacement {
  placeholder: string;
  kind: PiiKind;
  value: string;
}

export interface RedactedText {
  text: string;
  replacements: PiiReplacement[];
}

export interface RedactOptions {
  /** Names known from the facts (debtor first and last names); matched whole-word, ignoring case and accents. */
  names?: readonly string[];
  /** Other known identifiers (account ids, document numbers) to replace wherever they appear. */
  accounts?: readonly string[];
  /** Placeholders already handed out for this conversation, so numbering stays stable across texts. */
  previous?: readonly PiiReplacement[];
}

/** Redacts personal data from `text`; see the module comment. Pure. */
export function redactPii(text: string, options: RedactOptions = {}): RedactedText {
  const replacements: PiiReplacement[] = [...(options.previous ?? [])];
  const placeholderFor = (kind: PiiKind, value: string): string => {
    const existing = replacements.find((r) => r.kind === kind && r.value === value);
    if (existing) return existing.placeholder;
    const n = replacements.filter((r) => r.kind === kind).length + 1;
    const placeholder = `[${kind}_${n}]`;
    replacements.push({ placeholder, kind, value });
    return placeholder;
  };
  // A debtor who types "[NAME_1]" must not be able to make us restore someone's data into it.
  let out = text.replace(PLACEHOLDER, (m) => `(${m.slice(1, -1)})`);
  for (const { kind, pattern, group } of PATTERNS) {
    out = out.replace(pattern, (...args: unknown[]) => {
      const whole = typeof args[0] === 'string' ? args[0] : '';
      const raw = typeof args[group] === 'string' ? args[group] : whole;
      // A link ends before the punctuation of the sentence it sits in.
      const value = kind === 'LINK' ? raw.replace(/[.,;:!?)\]]+$/, '') : raw;
      if (kind === 'PHONE' && !looksLikePhone(value)) return whole;
      return whole.replace(value, placeholderFor(kind, value.trim()));
    });
  }
  for (const account of options.accounts ?? []) {
    if (account.length < 4 || !out.includes(account)) continue;
    out = out.split(account).join(placeholderFor('ACCOUNT', account));
  }
  out = out.replace(SELF_NAME, (_whole, intro: string, name: string) => `${intro}${placeholderFor('NAME', name)}`);
  for (const name of options.names ?? []) {
    if (name.trim().length < 2) continue;
    out = out.replace(wordPattern(name), (m) => placeholderFor('NAME', m));
  }
  return { text: out, replacements };
}

/** The placeholder syntax, for callers that must spot unknown placeholders in a model's answer. */
export const PLACEHOLDER = /\[(?:NAME|PHONE|EMAIL|DOC|ADDRESS|ACCOUNT|LINK)_\d+\]/g;

function looksLikePhone(value: string): boolean {
  const v = value.trim();
  const digits = v.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 15) return false;
  // "1.250.000" is an amount and "2026-12-15" a date, not phone numbers.
  if (/^\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?$/.test(v)) return false;
  return !/^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-.]\d{1,2}[-.]\d{2,4})$/.test(v);
}

function wordPattern(name: string): RegExp {
  const letters = [...name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()]
    .map((ch) => ACCENTED[ch] ?? ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('');
  return new RegExp(`(?<![\\p{L}\\p{N}])${letters}(?![\\p{L}\\p{N}])`, 'giu');
}

// Debtors type names with or without accents; match both against the name in the facts.
const ACCENTED: Readonly<Record<string, string>> = {
  a: '[aáàäâ]', e: '[eéèëê]', i: '[iíìïî]', o: '[oóòöô]', u: '[uúùüû]', n: '[nñ]', c: '[cç]',
};

const DOC_WORDS = String.raw`c[eé]dula|CC|C\.C\.|DNI|RUT|RUN|CURP|RFC|NIF|NIE|SSN|pasaporte|passport|documento|document|ID`;
const ACCOUNT_WORDS = String.raw`cuenta|account|tarjeta|card|IBAN|CLABE|contrato|contract`;
const STREET_ES = String.raw`calle|carrera|cra\.?|cll\.?|avenida|av\.?|diagonal|transversal|jir[oó]n|jr\.?|pasaje|psje\.?|colonia|col\.`;
const STREET_EN = String.raw`Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Court|Ct\.?|Way`;

interface PiiPattern {
  kind: PiiKind;
  pattern: RegExp;
  /** Which capture group holds the value (0 = whole match). */
  group: number;
}

// Order matters: the most specific shapes first, so a document number is not also taken for a phone.
const PATTERNS: readonly PiiPattern[] = [
  // Links first: payment links carry account ids and signatures, and their digits must not read as phones.
  { kind: 'LINK', pattern: /\bhttps?:\/\/[^\s<>"']+/gi, group: 0 },
  { kind: 'EMAIL', pattern: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, group: 0 },
  { kind: 'DOC', pattern: new RegExp(String.raw`\b(?:${DOC_WORDS})\b(?:\s*(?:n[uú]mero|number|no\.?|n[°º]|#|:|es|is|de identidad|de identificaci[oó]n))*\s*((?=[A-Z0-9.\-]*\d)[A-Z0-9][A-Z0-9.\-]{2,18}[A-Z0-9])`, 'gi'), group: 1 },
  { kind: 'DOC', pattern: /\b\d{1,2}\.\d{3}\.\d{3}-[\dkK]\b/g, group: 0 },
  { kind: 'DOC', pattern: /\b[A-Z]{4}\d{6}[HM][A-Z]{5}[A-Z0-9]\d\b/g, group: 0 },
  { kind: 'DOC', pattern: /\b\d{3}-\d{2}-\d{4}\b/g, group: 0 },
  { kind: 'DOC', pattern: /\b\d{8}-?[A-HJ-NP-TV-Z]\b/g, group: 0 },
  { kind: 'ACCOUNT', pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b/g, group: 0 },
  { kind: 'ACCOUNT', pattern: new RegExp(String.raw`\b(?:${ACCOUNT_WORDS})(?:\s*(?:n[uú]mero|number|no\.?|n[°º]|#|:|terminada en|ending in))*\s*([0-9][0-9\- ]{2,22}[0-9])`, 'gi'), group: 1 },
  { kind: 'ADDRESS', pattern: new RegExp(String.raw`\b(?:${STREET_ES})\s+\d+[A-Za-z]?(?:\s*(?:#|no\.?|n[°º])\s*\d+[A-Za-z]?(?:\s*-\s*\d+)?)?(?:\s*(?:sur|norte|este|oeste))?`, 'gi'), group: 0 },
  { kind: 'ADDRESS', pattern: new RegExp(String.raw`\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:${STREET_EN})(?![a-z])`, 'g'), group: 0 },
  { kind: 'PHONE', pattern: /(?<![\w.,(])\+?\(?\d[\d\s().-]{6,18}\d(?![\w])/g, group: 0 },
  { kind: 'ACCOUNT', pattern: /(?<![\d.,])\d{9,19}(?![\d.,])/g, group: 0 },
];

const SELF_NAME = /\b([Mm]e llamo |[Mm]i nombre es |[Mm]y name is |[Ss]oy |I am |I'm )((?:\p{Lu}[\p{L}'-]+)(?:\s+\p{Lu}[\p{L}'-]+){0,3})/gu;
