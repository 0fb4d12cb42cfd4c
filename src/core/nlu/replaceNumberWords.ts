import { parseNumeral } from './parseNumeral';

type Lang = 'es' | 'en';

const ES_UNITS = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once',
  'doce', 'trece', 'catorce', 'quince', 'dieciseis', 'diecisiete', 'dieciocho', 'diecinueve', 'veinte', 'veintiuno',
  'veintidos', 'veintitres', 'veinticuatro', 'veinticinco', 'veintiseis', 'veintisiete', 'veintiocho', 'veintinueve'];
const ES_TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const ES_HUNDREDS = ['', 'ciento', 'doscientos', 'trescientos', 'cuatrocientos', 'quinientos', 'seiscientos',
  'setecientos', 'ochocientos', 'novecientos'];
const EN_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function buildValues(lang: Lang): ReadonlyMap<string, number> {
  const map = new Map<string, number>();
  if (lang === 'es') {
    ES_UNITS.forEach((w, i) => map.set(w, i));
    ES_TENS.forEach((w, i) => w && map.set(w, i * 10));
    ES_HUNDREDS.forEach((w, i) => {
      if (!w) return;
      map.set(w, i * 100);
      map.set(w.replace(/os$/, 'as'), i * 100);
    });
    for (const [w, v] of [['cien', 100], ['veintiun', 21], ['veintiuna', 21], ['dies', 10], ['beinte', 20]] as const) {
      map.set(w, v);
    }
  } else {
    EN_UNITS.forEach((w, i) => map.set(w, i));
    EN_TENS.forEach((w, i) => w && map.set(w, i * 10));
  }
  return map;
}

const VALUES: Readonly<Record<Lang, ReadonlyMap<string, number>>> = { es: buildValues('es'), en: buildValues('en') };
const THOUSAND: Readonly<Record<Lang, ReadonlySet<string>>> = { es: new Set(['mil']), en: new Set(['thousand']) };
const MILLION: Readonly<Record<Lang, ReadonlySet<string>>> = {
  es: new Set(['millon', 'millones']),
  en: new Set(['million', 'millions']),
};
const ONE: Readonly<Record<Lang, ReadonlySet<string>>> = { es: new Set(['un', 'una', 'medio']), en: new Set(['a', 'one', 'half']) };
const CONNECTOR: Readonly<Record<Lang, string>> = { es: 'y', en: 'and' };
// "mil gracias", "mil disculpas": the number is a figure of speech.
const IDIOM_AFTER_MIL = new Set(['gracias', 'disculpas', 'perdones', 'veces', 'cosas']);
const HAS_WORD_RE: Readonly<Record<Lang, RegExp>> = {
  es: /\b(?:cero|uno?|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|die[zs]|once|doce|trece|catorce|quince|dieci|veint|beinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|ciento|\w+ientos|\w+ientas|quinient|mil|millon)/,
  en: /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million)/,
};

function isMultiplier(token: string | undefined, lang: Lang): boolean {
  return token !== undefined && (THOUSAND[lang].has(token) || MILLION[lang].has(token) || (lang === 'en' && token === 'hundred'));
}

/**
 * Rewrites runs of number words ("dos millones trescientos mil", "twelve hundred", "50 mil", "veinticinco")
 * as digits so the entity parsers only deal with numerals. Input must be normalised text. Pure.
 */
export function replaceNumberWords(text: string, lang: Lang): string {
  if (!HAS_WORD_RE[lang].test(text)) return text;
  const tokens = text.split(' ');
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const end = scanRun(tokens, i, lang);
    if (end === i) {
      out.push(tokens[i] ?? '');
      i += 1;
      continue;
    }
    out.push(formatHundredths(valueOf(tokens.slice(i, end), lang)));
    i = end;
  }
  return out.join(' ');
}

/** Index one past the number run starting at `start` (equal to `start` when none starts there). */
function scanRun(tokens: readonly string[], start: number, lang: Lang): number {
  const values = VALUES[lang];
  let i = start;
  while (i < tokens.length) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1];
    if (values.has(token)) i += 1;
    else if (isMultiplier(token, lang)) {
      if (token === 'mil' && next !== undefined && IDIOM_AFTER_MIL.has(next)) break;
      i += 1;
    } else if (i === start && (ONE[lang].has(token) || parseNumeral(token) !== undefined) && isMultiplier(next, lang)) i += 1;
    else if (i > start && token === CONNECTOR[lang] && next !== undefined && values.has(next)) i += 1;
    else break;
  }
  return i;
}

/** Value of a run of number tokens, in hundredths so that "1,5 millones" stays exact. */
function valueOf(run: readonly string[], lang: Lang): number {
  let total = 0;
  let current = 0;
  for (const token of run) {
    const word = VALUES[lang].get(token);
    if (word !== undefined) current += word * 100;
    else if (token === 'hundred') current = (current || 100) * 100;
    else if (THOUSAND[lang].has(token)) {
      total += (current || 100) * 1000;
      current = 0;
    } else if (MILLION[lang].has(token)) {
      total = (total + (current || 100)) * 1_000_000;
      current = 0;
    } else if (ONE[lang].has(token)) current += token === 'medio' || token === 'half' ? 50 : 100;
    else current += parseNumeral(token) ?? 0;
  }
  return total + current;
}

function formatHundredths(hundredths: number): string {
  const units = Math.floor(hundredths / 100);
  const cents = hundredths % 100;
  return cents === 0 ? String(units) : `${units}.${String(cents).padStart(2, '0')}`;
}
