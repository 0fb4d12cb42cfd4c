import { FEATURE_BUCKETS } from './classifierFeatures';

/** One training example: the hashed features of a message and its labelled intent. */
export interface TrainingExample {
  features: readonly number[];
  intent: string;
}

/** A trained intent classifier: per bucket, one integer weight per intent (hundredths), zeros omitted. */
export interface IntentClassifierModel {
  intents: string[];
  /** Weights are stored as integers; the real weight is the integer divided by this. */
  scale: number;
  /** bucket → [intent index, integer weight] pairs, buckets ascending, intents ascending. */
  rows: Array<[number, Array<[number, number]>]>;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** Weights smaller than this (in hundredths) are dropped: they barely move a score and would bloat the file. */
  minWeight?: number;
}

const SCALE = 100;

/**
 * Trains a multinomial logistic regression over hashed features with stochastic gradient descent in a
 * seeded, fixed order, then rounds the weights to hundredths: the same examples always give the same model.
 * Intents are sorted by name. Pure; no I/O.
 */
export function trainIntentClassifier(examples: readonly TrainingExample[], options: TrainOptions = {}): IntentClassifierModel {
  const { epochs = 30, learningRate = 0.5, l2 = 1e-4, seed = 12, minWeight = 4 } = options;
  const intents = [...new Set(examples.map((e) => e.intent))].sort();
  const k = intents.length;
  const labels = examples.map((e) => intents.indexOf(e.intent));
  const weights = new Float64Array(FEATURE_BUCKETS * k);
  const order = examples.map((_, i) => i);
  const random = mulberry32(seed);
  const probabilities = new Float64Array(k);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    const rate = learningRate / (1 + epoch * 0.2);
    for (const index of order) {
      const example = examples[index];
      const label = labels[index];
      if (example === undefined || label === undefined) continue;
      softmaxInto(weights, example.features, k, probabilities);
      const step = rate / Math.sqrt(example.features.length);
      for (const feature of example.features) {
        const base = feature * k;
        for (let c = 0; c < k; c++) {
          const w = weights[base + c] ?? 0;
          const gradient = (probabilities[c] ?? 0) - (c === label ? 1 : 0) + l2 * w;
          weights[base + c] = w - step * gradient;
        }
      }
    }
  }
  return { intents, scale: SCALE, rows: quantize(weights, k, minWeight) };
}

/** Scores of each class for the features, normalised to probabilities in `out`. Pure apart from `out`. */
function softmaxInto(weights: Float64Array, features: readonly number[], k: number, out: Float64Array): void {
  out.fill(0);
  for (const feature of features) {
    const base = feature * k;
    for (let c = 0; c < k; c++) out[c] = (out[c] ?? 0) + (weights[base + c] ?? 0);
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, out[c] ?? 0);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp((out[c] ?? 0) - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) out[c] = (out[c] ?? 0) / sum;
}

function quantize(weights: Float64Array, k: number, minWeight: number): IntentClassifierModel['rows'] {
  const rows: IntentClassifierModel['rows'] = [];
  for (let bucket = 0; bucket < FEATURE_BUCKETS; bucket++) {
    const row: Array<[number, number]> = [];
    for (let c = 0; c < k; c++) {
      const q = Math.round((weights[bucket * k + c] ?? 0) * SCALE);
      if (Math.abs(q) >= minWeight) row.push([c, q]);
    }
    if (row.length > 0) rows.push([bucket, row]);
  }
  return rows;
}

function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = items[i] ?? 0;
    items[i] = items[j] ?? 0;
    items[j] = a;
  }
}

// A small seeded generator so that the training order is the same on every run and machine.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
