import type { IntentClassifier } from './classifyIntent';
import { classifyIntent } from './classifyIntent';
import { createFormatterCache } from './createFormatterCache';
import { recognize } from './recognize';
import type { Interpretation, NluContext } from './types';

/** A rules recognizer bound to its own caches: same answers as `recognize`, without rebuilding formatters. */
export type Recognizer = (text: string, ctx: NluContext) => Interpretation;

/**
 * Creates a recognizer that owns a date-formatter cache, for callers that interpret many messages (the
 * pipeline, evaluations, conversation tests). Each recognizer's cache is private; nothing is module state.
 * `classifier` is the one the rules consult when unsure (the committed model; `null` for the word rules alone).
 * Pure apart from filling that cache; no I/O.
 */
export function createRecognizer(classifier: IntentClassifier | null = classifyIntent): Recognizer {
  const formatters = createFormatterCache();
  return (text, ctx) => recognize(text, ctx, formatters, classifier);
}
