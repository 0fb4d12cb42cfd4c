import { TYPO_VOCABULARY } from './typoVocabulary';

type Lang = 'es' | 'en';

const MIN_FUZZY_LENGTH = 5;
const AMBIGUOUS = '';
const WORD_RE = /^[a-z]+$/;

interface TypoIndex {
  /** Hand-listed misspellings for this language. */
  fixed: ReadonlyMap<string, string>;
  known: ReadonlySet<string>;
  /** Phonetic key of a target → the target. */
  exact: ReadonlyMap<string, string>;
  /** Phonetic key of a target, and every key one deletion away from it → the target ('' when two collide). */
  near: ReadonlyMap<string, string>;
}

/**
 * Spanish spelling by ear: c/s/z, b/v, ll/y, qu/k, silent h and doubled letters are what debtors confuse
 * ("nesecito", "equibocado", "acesor"), so words are compared by this key. English keeps its spelling.
 */
function phoneticKey(word: string, lang: Lang): string {
  if (lang === 'en') return word;
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i] ?? '';
    const next = word[i + 1] ?? '';
    const soft = next === 'e' || next === 'i';
    let sound = c;
    if (c === 'c') sound = next === 'h' ? 'x' : soft ? 's' : 'k';
    else if (c === 'q' || c === 'k') sound = 'k';
    else if (c === 'z') sound = 's';
    else if (c === 'v') sound = 'b';
    else if (c === 'g') sound = soft ? 'j' : 'g';
    else if (c === 'h') sound = '';
    else if (c === 'l' && next === 'l') [sound, i] = ['y', i + 1];
    else if (c === 'u' && (word[i - 1] === 'q' || word[i - 1] === 'g') && (next === 'e' || next === 'i')) sound = '';
    if (sound !== '' && !out.endsWith(sound)) out += sound;
  }
  return out;
}

function buildIndex(lang: Lang): TypoIndex {
  const { targets, known, fixed } = TYPO_VOCABULARY;
  const exact = new Map<string, string>();
  const near = new Map<string, string>();
  const put = (key: string, target: string): void => {
    const seen = near.get(key);
    near.set(key, seen === undefined || seen === target ? target : AMBIGUOUS);
  };
  for (const target of targets) {
    const key = phoneticKey(target, lang);
    exact.set(key, exact.has(key) && exact.get(key) !== target ? AMBIGUOUS : target);
    put(key, target);
    for (let i = 0; i < key.length; i++) put(key.slice(0, i) + key.slice(i + 1), target);
  }
  const hand = Object.entries(lang === 'es' ? { ...fixed.es, ...fixed.any } : fixed.any);
  return { fixed: new Map(hand), known: new Set<string>([...targets, ...known]), exact, near };
}

// Built once at load from constant data; read-only afterwards, so sharing it is safe.
const INDEX: Readonly<Record<Lang, TypoIndex>> = { es: buildIndex('es'), en: buildIndex('en') };

// Keys next to each other on a phone keyboard: a slip of the thumb substitutes one of these, while
// "pasado"/"pagado" or "partes"/"martes" are different words, not typos.
const NEIGHBOURS: Readonly<Record<string, string>> = {
  q: 'wa', w: 'qeas', e: 'wrsd', r: 'etdf', t: 'ryfg', y: 'tugh', u: 'yihj', i: 'uojk', o: 'ipkl', p: 'ol',
  a: 'qwsz', s: 'awedxz', d: 'serfcx', f: 'drtgvc', g: 'ftyhbv', h: 'gyujnb', j: 'huikmn', k: 'jiolm', l: 'kop',
  z: 'asx', x: 'zsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
};

/** True when `a` and `b` differ by one insertion, deletion, adjacent swap or substitution by a neighbouring key. */
function isOneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return NEIGHBOURS[a[i] ?? '']?.includes(b[i] ?? '') === true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Rewrites one misspelt keyword of normalised text to its spelling in the rules ("cuamto" → "cuanto",
 * "equibocado" → "equivocado", "page" → "pague"): hand-listed typos, then the unique keyword within one edit
 * of the word's Spanish sound key. Correct words one edit from a keyword are left alone. Pure.
 */
export function correctTypo(token: string, lang: Lang): string {
  const index = INDEX[lang];
  const fixed = index.fixed.get(token);
  if (fixed !== undefined) return fixed;
  if (token.length < MIN_FUZZY_LENGTH) return token;
  if (index.known.has(token) || !WORD_RE.test(token)) return token;
  const key = phoneticKey(token, lang);
  const same = index.exact.get(key);
  if (same) return same;
  let found: string | undefined;
  const consider = (candidate: string | undefined): boolean => {
    if (candidate === undefined || candidate === found) return true;
    if (candidate === AMBIGUOUS) return false;
    const target = phoneticKey(candidate, lang);
    // One letter more at the end is an inflection ("quincenal", "deudas"), not a typo.
    if (key.length === target.length + 1 && key.startsWith(target)) return true;
    if (!isOneEditApart(key, target)) return true;
    if (found !== undefined) return false;
    found = candidate;
    return true;
  };
  if (!consider(index.near.get(key))) return token;
  for (let i = 0; i < key.length; i++) {
    if (!consider(index.near.get(key.slice(0, i) + key.slice(i + 1)))) return token;
  }
  return found ?? token;
}

