import { classifierFeatures } from '../core/nlu/classifierFeatures';
import { classifyIntent } from '../core/nlu/classifyIntent';
import { createFormatterCache } from '../core/nlu/createFormatterCache';
import type { EvaluationItem } from '../core/nlu/evaluationItemSchema';
import { readAmount } from '../core/nlu/parseAmount';
import { prepareText } from '../core/nlu/prepareText';
import { readEntities } from '../core/nlu/readEntities';
import { recognize } from '../core/nlu/recognize';
import { contextFor } from '../core/nlu/scoreEvaluation';
import type { Entities } from '../core/nlu/types';

/** Median cost per message, in µs of this process's CPU time, of each way of reading the labelled messages. */
export interface NluCostFigures {
  messages: number;
  rounds: number;
  /** The classifier alone: hashed features of the normalised text plus scoring, as the rules consult it. */
  classifier: number;
  /** The whole rules NLU with the classifier consulted when unsure (what the pipeline runs). */
  rulesWithClassifier: number;
  /** The word rules alone, never consulting the classifier. */
  rulesOnly: number;
}

type VariantName = 'classifier' | 'rulesWithClassifier' | 'rulesOnly';

/**
 * Times the intent classifier and the rules NLU over labelled messages on this thread: the three variants take
 * turns for `rounds` rounds of at least `minMillis` of CPU each, after a warm-up, and the median round is kept, so
 * that a burst of load on a shared machine moves one round and not the figure. CPU time of the process, not wall
 * time: on a loaded machine the wall clock mostly measures waiting for a core. Reads the CPU clock; no other I/O.
 */
export function measureNluCost(items: readonly EvaluationItem[], now: Date, rounds = 7, minMillis = 300): NluCostFigures {
  const contexts = items.map((item) => contextFor(item, { now }));
  const formatters = createFormatterCache();
  const prepared = items.map((item, i) => {
    const text = prepareText(item.text, item.locale);
    const ctx = contexts[i];
    const entities: Entities = ctx ? readEntities(text, ctx, readAmount(text, ctx), formatters) : {};
    return { norm: text.norm, entities };
  });
  const recognizeItem = (i: number, withClassifier: boolean): unknown => {
    const item = items[i];
    const ctx = contexts[i];
    return item && ctx ? recognize(item.text, ctx, formatters, withClassifier ? classifyIntent : null) : undefined;
  };
  const variants: ReadonlyArray<[VariantName, (i: number) => unknown]> = [
    ['classifier', (i) => {
      const p = prepared[i];
      return p ? classifyIntent(classifierFeatures(p.norm, p.entities)) : undefined;
    }],
    ['rulesWithClassifier', (i) => recognizeItem(i, true)],
    ['rulesOnly', (i) => recognizeItem(i, false)],
  ];
  const samples: Record<VariantName, number[]> = { classifier: [], rulesWithClassifier: [], rulesOnly: [] };
  for (const [, run] of variants) timeRound(items.length, run, minMillis);
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of variants) samples[name].push(timeRound(items.length, run, minMillis));
  }
  return { messages: items.length, rounds, classifier: median(samples.classifier), rulesWithClassifier: median(samples.rulesWithClassifier), rulesOnly: median(samples.rulesOnly) };
}

/** CPU µs per message of whole passes over the messages, repeated until `minMillis` of CPU have been used. */
function timeRound(count: number, run: (i: number) => unknown, minMillis: number): number {
  let calls = 0;
  const start = process.cpuUsage();
  let used = 0;
  while (used < minMillis * 1000) {
    for (let i = 0; i < count; i++) run(i);
    calls += count;
    const elapsed = process.cpuUsage(start);
    used = elapsed.user + elapsed.system;
  }
  return calls > 0 ? used / calls : 0;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
