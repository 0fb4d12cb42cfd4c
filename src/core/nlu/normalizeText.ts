import { correctTypo } from './correctTypo';

/**
 * Phone-writing normalisation shared by the intent rules and the entity parsers.
 * Everything here is a constant table compiled once at module load.
 */

// Emoji become plain tokens that the rules can match like words.
const EMOJI: ReadonlyArray<[RegExp, string]> = [
  [/(?:👍|👌|✅|🙌|🤝|☑️|✔️)/gu, ' xaffirm '],
  [/(?:🙏|🤗|😊|☺️|💐|❤️|♥️)/gu, ' xthanks '],
  [/(?:😡|🤬|😠|🖕|💩|👿)/gu, ' xangry '],
  [/👎/gu, ' xdeny '],
  [/(?:👋|🖐️|✋)/gu, ' xgreet '],
];

// Common shorthand in Spanish and English texting, matched as whole tokens.
const SHORTHAND: ReadonlyMap<string, string> = new Map(Object.entries({
  q: 'que', k: 'que', ke: 'que', qe: 'que', xq: 'porque', pq: 'porque', porq: 'porque', xk: 'porque',
  tmb: 'tambien', tb: 'tambien', tmbn: 'tambien', tbn: 'tambien', d: 'de', x: 'por', pa: 'para', pal: 'para el',
  xfa: 'por favor', xfavor: 'por favor', porfa: 'por favor', porfis: 'por favor', pls: 'please', plz: 'please',
  ud: 'usted', uds: 'ustedes', dnd: 'donde', cmo: 'como', bn: 'bien', msj: 'mensaje', msjs: 'mensajes',
  grax: 'gracias', grx: 'gracias', grs: 'gracias', grasias: 'gracias', thx: 'thanks', tnx: 'thanks', ty: 'thanks',
  u: 'you', ur: 'your', r: 'are', pmt: 'payment', pymt: 'payment', aver: 'a ver', toy: 'estoy', tons: 'entonces',
  nd: 'nada', sq: 'es que', nose: 'no se', wey: 'guey', acc: 'account', nro: 'numero', num: 'numero',
}));

const DIACRITICS_RE = /\p{M}+/gu;
const NON_ASCII_RE = /[^ -~\t\n\r]/;
const CURRENCY_HINT_RE = /s\/|\$/;
const REPEATS_RE = /(\p{L})\1{2,}/gu;
const APOSTROPHE_RE = /['’`´]/g;
// Separators that only mean something between digits (50.000, 15/12, 1985-03-15).
const NON_NUMERIC_SEPARATOR_RE = /[.,](?!\d)|(?<!\d)[.,]|[/-](?!\d)|(?<!\d)[/-]/g;
const OTHER_PUNCTUATION_RE = /[^\p{L}\p{N}\s$€/.,#%-]+/gu;
const SPACES_RE = /\s+/g;
const K_QU_RE = /\bk(?=[ie])/g;
const K_CU_RE = /\bk(?=u[aeo])/g;
// Currency symbols that contain letters or a slash become ISO codes before punctuation is dropped.
const CURRENCY_SYMBOLS: ReadonlyArray<[RegExp, string]> = [
  [/\bs\/\.?/g, ' pen '],
  [/\b(?:u\$s|us\$|u\$d)/g, ' usd '],
];

/**
 * Lowercases, strips accents, collapses letters repeated 3+ times, expands texting shorthand and maps emoji.
 * With a language it also corrects misspelt keywords (see correctTypo). Pure.
 */
export function normalizeText(text: string, lang?: 'es' | 'en'): string {
  let s = text;
  // Most messages are plain ASCII: skip the emoji and accent passes for them.
  if (NON_ASCII_RE.test(s)) {
    for (const [re, token] of EMOJI) s = s.replace(re, token);
    s = s.toLowerCase().normalize('NFD').replace(DIACRITICS_RE, '');
  } else {
    s = s.toLowerCase();
  }
  s = s.replace(REPEATS_RE, '$1').replace(APOSTROPHE_RE, '');
  if (CURRENCY_HINT_RE.test(s)) for (const [re, code] of CURRENCY_SYMBOLS) s = s.replace(re, code);
  s = s.replace(OTHER_PUNCTUATION_RE, ' ').replace(NON_NUMERIC_SEPARATOR_RE, ' ');
  s = s.replace(K_QU_RE, 'qu').replace(K_CU_RE, 'c').replace(SPACES_RE, ' ').trim();
  // One pass over the words: texting shorthand, then (with a language) misspelt keywords.
  const tokens = s.split(' ');
  let changed = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const fixed = SHORTHAND.get(token) ?? (lang ? correctTypo(token, lang) : token);
    if (fixed !== token) {
      tokens[i] = fixed;
      changed = true;
    }
  }
  return changed ? tokens.join(' ') : s;
}
