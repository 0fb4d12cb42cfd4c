import { detectLanguage } from './detectLanguage';
import { extractFigures } from './extractFigures';
import type { Figures } from './extractFigures';
import { FORBIDDEN_TERMS } from './forbiddenTerms';
import { hasHiddenCharacters, sanitizeText } from './sanitizeText';

export interface RewordingCheckOptions {
  /** BCP 47 locale of the template (es-CO, en-US); its language is what the candidate must be written in. */
  locale: string;
  /** Channel the message goes out on; sets the length limit. */
  channel: string;
  /** Text that must never appear in a reply, such as the lines of the system prompt. */
  forbiddenFragments?: readonly string[];
}

export interface RewordingCheck {
  ok: boolean;
  /** Stable violation codes such as REWORD.AMOUNT_MISMATCH, REWORD.THREAT; empty when ok. */
  violations: string[];
}

/** Maximum message length per channel, in characters. */
export const CHANNEL_LIMITS: Readonly<Record<string, number>> = { sms: 1600, whatsapp: 4096, baileys: 4096, web: 4096 };

/**
 * Decides whether `candidate` may replace the template text `original`: same figures (amounts, dates,
 * percentages, numbers, times, URLs, references — nothing added, nothing missing), no threat, insult, false
 * urgency, legal advice, third-party debt or prompt text the template does not itself contain, within the
 * channel's length, in the template's language, with no hidden characters. Pure.
 */
export function checkRewording(original: string, candidate: string, options: RewordingCheckOptions): RewordingCheck {
  const violations: string[] = [];
  if (candidate.trim() === '') return { ok: false, violations: ['REWORD.EMPTY'] };
  if (candidate.length > (CHANNEL_LIMITS[options.channel] ?? 1600)) violations.push('REWORD.TOO_LONG');
  if (hasHiddenCharacters(candidate) || /[\u0400-\u04FF\u0370-\u03FF]/.test(candidate)) violations.push('REWORD.HIDDEN_CHARACTERS');
  violations.push(...compareFigures(extractFigures(original, options.locale), extractFigures(candidate, options.locale)));
  violations.push(...findForbiddenTerms(original, candidate));
  if (leaksFragment(candidate, options.forbiddenFragments ?? [])) violations.push('REWORD.PROMPT_LEAK');
  if (!sameLanguage(original, candidate, options.locale)) violations.push('REWORD.LANGUAGE');
  const unique = [...new Set(violations)];
  return { ok: unique.length === 0, violations: unique };
}

const FIGURE_CODES: ReadonlyArray<[keyof Figures, string]> = [
  ['amounts', 'REWORD.AMOUNT_MISMATCH'],
  ['dates', 'REWORD.DATE_MISMATCH'],
  ['percents', 'REWORD.PERCENT_MISMATCH'],
  ['numbers', 'REWORD.NUMBER_MISMATCH'],
  ['times', 'REWORD.TIME_MISMATCH'],
  ['urls', 'REWORD.URL_MISMATCH'],
  ['references', 'REWORD.REFERENCE_MISMATCH'],
];

function compareFigures(original: Figures, candidate: Figures): string[] {
  return FIGURE_CODES.filter(([kind]) => original[kind].join('\n') !== candidate[kind].join('\n')).map(([, code]) => code);
}

function fold(text: string): string {
  return sanitizeText(text, 100_000).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’`´]/g, "'");
}

function findForbiddenTerms(original: string, candidate: string): string[] {
  const before = fold(original);
  const after = fold(candidate);
  const codes: string[] = [];
  for (const [code, terms] of Object.entries(FORBIDDEN_TERMS)) {
    for (const term of terms) {
      const pattern = new RegExp(`(?<![a-z0-9])${term}(?![a-z0-9])`, 'g');
      const added = (after.match(pattern) ?? []).filter((hit) => !before.includes(hit));
      if (added.length > 0) {
        codes.push(code);
        break;
      }
    }
  }
  return codes;
}

function leaksFragment(candidate: string, fragments: readonly string[]): boolean {
  const folded = fold(candidate).replace(/\s+/g, ' ');
  return fragments.some((fragment) => {
    const f = fold(fragment).replace(/\s+/g, ' ').trim();
    return f.length >= 24 && folded.includes(f);
  });
}

function sameLanguage(original: string, candidate: string, locale: string): boolean {
  const expected = detectLanguage(original);
  const want = expected === 'unknown' ? locale.slice(0, 2).toLowerCase() : expected;
  const got = detectLanguage(candidate);
  // A short reply may carry too few words to tell; a long one in neither language is a switch.
  const words = candidate.split(/\s+/).filter(Boolean).length;
  return got === want || (got === 'unknown' && words < 6);
}
