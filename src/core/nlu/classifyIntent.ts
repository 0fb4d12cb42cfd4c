import { FEATURE_BUCKETS } from './classifierFeatures';
import { decodeClassifierWeights } from './encodeClassifierModel';
import type { EncodedClassifierModel } from './encodeClassifierModel';
import { INTENT_CLASSIFIER_MODEL } from './intentClassifierModel';

/** The classifier's best intent for a message and its probability. */
export interface ClassifierGuess {
  intent: string;
  probability: number;
}

/** Scores hashed features against one model; built once per model. */
export type IntentClassifier = (features: readonly number[]) => ClassifierGuess;

/**
 * Builds a scorer for an encoded model: a softmax over the summed weights of the features' buckets.
 * Decodes the weights once into sparse rows; each call adds a few weights per feature. Pure.
 */
export function createIntentClassifier(model: EncodedClassifierModel): IntentClassifier {
  const k = model.intents.length;
  const { rowStart, intents, weights } = decodeClassifierWeights(model, FEATURE_BUCKETS);
  const scores = new Float64Array(k);
  return (features) => {
    scores.fill(0);
    for (const feature of features) {
      const end = rowStart[feature + 1] ?? 0;
      for (let at = rowStart[feature] ?? 0; at < end; at++) {
        const c = intents[at] ?? 0;
        scores[c] = (scores[c] ?? 0) + (weights[at] ?? 0);
      }
    }
    let best = 0;
    for (let c = 1; c < k; c++) if ((scores[c] ?? 0) > (scores[best] ?? 0)) best = c;
    const top = scores[best] ?? 0;
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp((scores[c] ?? 0) - top);
    return { intent: model.intents[best] ?? 'unknown', probability: 1 / sum };
  };
}

/** The committed model's scorer (src/core/nlu/intentClassifierModel.ts, written by `npm run nlu:train`). */
export const classifyIntent: IntentClassifier = createIntentClassifier(INTENT_CLASSIFIER_MODEL);
