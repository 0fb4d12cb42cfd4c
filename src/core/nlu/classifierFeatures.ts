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
  const text = /\d/.test(norm) || norm.includes('  ') || norm !== norm.trim() ? norm.replace(DIGIT_RUN_RE, digitShape).replace(SPACES_RE, ' ').trim() : norm;
  const out: number[] = [];
  const generation = nextGeneration();
  const add = (hash: number): void => {
    const bucket = hash & MASK;
    if (marks[bucket] === generation) return;
    marks[bucket] = generation;
    out.push(bucket);
  };
  addCharGrams(` ${text} `, add);
  // Words and word pairs, hashed as the strings "w WORD" and "b PREVIOUS WORD" ("^" starts, "$" ends) without
  // building them.
  let words = 0;
  let previousStart = -1;
  let previousEnd = -1;
  let wordStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== SPACE) continue;
    if (i > wordStart) {
      words += 1;
      add(mixRange(W_PREFIX, text, wordStart, i));
      const pair = previousStart < 0 ? mixChar(B_PREFIX, CARET) : mixRange(B_PREFIX, text, previousStart, previousEnd);
      add(mixRange(mixChar(pair, SPACE), text, wordStart, i));
      [previousStart, previousEnd] = [wordStart, i];
    }
    wordStart = i + 1;
  }
  const last = previousStart < 0 ? mixChar(B_PREFIX, CARET) : mixRange(B_PREFIX, text, previousStart, previousEnd);
  add(mixChar(mixChar(last, SPACE), DOLLAR));
  for (const name of ENTITY_NAMES) if (entities[name] !== undefined) add(hashString(`e ${name}`));
  add(hashString(`len ${lengthBucket(words)}`));
  add(BIAS);
  return out;
}

/** Character 2–4-grams of the padded text, each hashed with its length. */
function addCharGrams(padded: string, add: (hash: number) => void): void {
  for (let start = 0; start < padded.length; start++) {
    let hash = SEED_GRAM;
    for (let n = 1; n <= MAX_GRAM && start + n <= padded.length; n++) {
      hash = mixChar(hash, padded.charCodeAt(start + n - 1));
      if (n >= MIN_GRAM) add(finish(hash, n));
    }
  }
}

// Bucket marks of the current call: a bucket is new when its mark is not this call's generation. A scratch
// buffer only; the answer depends on the input alone.
const marks = new Uint32Array(FEATURE_BUCKETS);
let currentGeneration = 0;

function nextGeneration(): number {
  if (currentGeneration === 0xffffffff) {
    marks.fill(0);
    currentGeneration = 0;
  }
  currentGeneration += 1;
  return currentGeneration;
}

function mixRange(hash: number, text: string, from: number, to: number): number {
  let h = hash;
  for (let i = from; i < to; i++) h = mixChar(h, text.charCodeAt(i));
  return h;
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
  return mixRange(seedHash(2), text, 0, text.length);
}

const SPACE = 32;
const CARET = 94;
const DOLLAR = 36;
const SEED_GRAM = seedHash(1);
const W_PREFIX = hashString('w ');
const B_PREFIX = hashString('b ');
const BIAS = hashString('bias');
