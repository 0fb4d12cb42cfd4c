import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { classifierFeatures } from '../core/nlu/classifierFeatures';
import { encodeClassifierModel, formatClassifierSource } from '../core/nlu/encodeClassifierModel';
import type { EvaluationItem } from '../core/nlu/evaluationItemSchema';
import { getLocaleCurrency } from '../core/nlu/getLocaleCurrency';
import { getLocaleTimeZone } from '../core/nlu/getLocaleTimeZone';
import { readAmount } from '../core/nlu/parseAmount';
import { prepareText } from '../core/nlu/prepareText';
import { readEntities } from '../core/nlu/readEntities';
import { trainIntentClassifier } from '../core/nlu/trainIntentClassifier';
import type { IntentClassifierModel, TrainingExample, TrainOptions } from '../core/nlu/trainIntentClassifier';
import { DEFAULT_EVAL_NOW } from './runEvalNlu';
import { loadEvaluationFile } from './loadEvaluationFile';

/** Labelled files whose name says "blind" are held out: they measure the classifier and never train it. */
export const HELD_OUT_RE = /blind/i;

export type BuildClassifierResult =
  | { ok: true; model: IntentClassifierModel; source: string; files: string[]; examples: number }
  | { ok: false; issues: string[] };

/**
 * Trains the intent classifier on every labelled YAML file in `dir` except the held-out (blind) ones, in
 * file-name order, and returns the model with the TypeScript source `npm run nlu:train` commits. Reads files.
 */
export async function buildIntentClassifier(dir: string, options: TrainOptions = {}): Promise<BuildClassifierResult> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.yaml') && !HELD_OUT_RE.test(name)).sort();
  const items: EvaluationItem[] = [];
  const issues: string[] = [];
  for (const name of files) {
    const loaded = await loadEvaluationFile(join(dir, name));
    if (loaded.ok) items.push(...loaded.items);
    else issues.push(...loaded.error.issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  const examples = items.map(toTrainingExample);
  const model = trainIntentClassifier(examples, options);
  const source = formatClassifierSource(encodeClassifierModel(model), files, examples.length);
  return { ok: true, model, source, files, examples: examples.length };
}

/** The features of a labelled message as the recognizer computes them (entities read in the locale's zone). */
export function toTrainingExample(item: EvaluationItem): TrainingExample {
  const currency = getLocaleCurrency(item.locale);
  const ctx = { locale: item.locale, timeZone: getLocaleTimeZone(item.locale), now: new Date(DEFAULT_EVAL_NOW), ...(currency ? { currency } : {}) };
  const prepared = prepareText(item.text, item.locale);
  const entities = readEntities(prepared, ctx, readAmount(prepared, ctx), undefined);
  return { features: classifierFeatures(prepared.norm, entities), intent: item.intent };
}
