/**
 * Folds text into a form where look-alike tricks stop working: Unicode NFKC, zero-width and bidirectional
 * control characters removed, common Cyrillic/Greek homoglyphs mapped to their Latin twins, control
 * characters turned into spaces, and the result cut to `maxLength` characters. Pure.
 */
export function sanitizeText(text: string, maxLength = 2000): string {
  const folded = text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(HOMOGLYPH_PATTERN, (ch) => HOMOGLYPHS[ch] ?? ch);
  return folded.length > maxLength ? folded.slice(0, maxLength) : folded;
}

/** True when the text carries characters that only serve to hide or reorder what a reader sees. Pure. */
export function hasHiddenCharacters(text: string): boolean {
  return new RegExp(INVISIBLE.source).test(text);
}

// Zero-width spaces/joiners, word joiner, BOM, soft hyphen, and every bidi embedding/override/isolate mark.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

// Only letters that render identically to Latin ones in common fonts; enough to defeat "cárcеl" with a Cyrillic е.
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ӏ: 'l',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  α: 'a', ο: 'o', ν: 'v', ι: 'i', κ: 'k', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
const HOMOGLYPH_PATTERN = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'g');
