import type { Entities } from './types';

/** Number of hashed feature buckets the intent classifier uses (a power of two). */
export const FEATURE_BUCKETS = 1 << 14;

const MASK = FEATURE_BUCKETS - 1;
const MIN_GRAM = 2;
const MAX_GRAM = 4;
const DIGIT_RUN_RE = /\d+(?:[.,/-]\d+)*/g;
const SPACES_RE = /\s+/g;
const ENTITY_NAMES = ['amount', 'date', 'count', 'frequency', 'identifier'] as const;

/**
 * The hashed features of one normalised message for the intent classifier: character 2–4-grams of the whole
 * text (spaces included, so word edges and pairs count), word unigrams and bigrams, the entities the parsers
 * found and the message's length in words. Digit runs become a placeholder by size, so "50000" and "80000"
 * look alike. Returns distinct bucket indices in first-seen order. Pure and deterministic.
 */
export function classifierFeatures(norm: string, entities: Entities): number[] {
  const text = norm.replace(DIGIT_RUN_RE, digitShape).replace(SPACES_RE, ' ').trim();
  const seen = new Set<number>();
  const add = (hash: number): void => {
    seen.add(hash & MASK);
  };
  const padded = ` ${text} `;
  for (let start = 0; start < padded.length; start++) {
    let hash = seedHash(1);
    for (let n = 1; n <= MAX_GRAM && start + n <= padded.length; n++) {
      hash = mixChar(hash, padded.charCodeAt(start + n - 1));
      if (n >= MIN_GRAM) add(finish(hash, n));
    }
  }
  const words = text.length > 0 ? text.split(' ') : [];
  let previous = '^';
  for (const word of words) {
    add(hashString(`w ${word}`));
    add(hashString(`b ${previous} ${word}`));
    previous = word;
  }
  add(hashString(`b ${previous} $`));
  for (const name of ENTITY_NAMES) if (entities[name] !== undefined) add(hashString(`e ${name}`));
  add(hashString(`len ${lengthBucket(words.length)}`));
  add(hashString('bias'));
  return [...seen];
}

function digitShape(run: string): string {
  const digits = run.replace(/\D/g, '').length;
  if (run.length !== digits) return ' 0/0 ';
  return digits <= 2 ? ' 0 ' : digits <= 4 ? ' 00 ' : ' 000 ';
}

function lengthBucket(words: number): string {
  return words <= 1 ? '1' : words <= 2 ? '2' : words <= 5 ? '3-5' : words <= 10 ? '6-10' : '11+';
}

// FNV-1a, 32 bits, with Math.imul so every platform computes the same buckets.
function seedHash(kind: number): number {
  return Math.imul(0x811c9dc5 ^ kind, 0x01000193) >>> 0;
}

function mixChar(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193) >>> 0;
}

function finish(hash: number, n: number): number {
  return Math.imul(hash ^ (n * 0x9e37), 0x01000193) >>> 0;
}

function hashString(text: string): number {
  let hash = seedHash(2);
  for (let i = 0; i < text.length; i++) hash = mixChar(hash, text.charCodeAt(i));
  return hash;
}
