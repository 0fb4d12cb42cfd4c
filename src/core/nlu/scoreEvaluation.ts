import type { EvaluationItem } from './evaluationItemSchema';
import { getLocaleCurrency } from './getLocaleCurrency';
import { getLocaleTimeZone } from './getLocaleTimeZone';
import type { Entities, Interpretation, NluContext } from './types';

/** Anything that interprets a message: the rules recognizer, the LLM one, or a combination. */
export type Interpreter = (text: string, ctx: NluContext) => Interpretation | Promise<Interpretation>;

export interface EvaluationOptions {
  /** The instant relative dates in the file were labelled against. */
  now: Date;
  /** Overrides the locale's default time zone for every item. */
  timeZone?: string;
  /** Overrides the locale's default currency for every item. */
  currency?: string;
}

export interface IntentScore {
  intent: string;
  /** Items labelled with this intent. */
  support: number;
  /** Items predicted as this intent. */
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  /** Share of this intent's items recognised correctly (the same figure as recall). */
  accuracy: number;
}

export interface EvaluationMiss {
  index: number;
  text: string;
  locale: string;
  expected: string;
  predicted: string;
  confidence: number;
  /** Labelled entity keys whose predicted value differs. */
  entityMismatches: string[];
}

export interface EvaluationReport {
  total: number;
  correct: number;
  accuracy: number;
  perIntent: IntentScore[];
  entities: { checked: number; correct: number; accuracy: number; perEntity: Record<string, { checked: number; correct: number }> };
  /** Rows are labelled intents, columns predicted intents, both in `labels` order. */
  confusion: { labels: string[]; matrix: number[][] };
  misses: EvaluationMiss[];
}

/**
 * Runs an interpreter over labelled items and scores it: overall and per-intent accuracy, precision and
 * recall, entity accuracy (only the entity keys an item labels are compared) and a confusion table.
 * Pure apart from whatever the interpreter does; awaits it item by item.
 */
export async function scoreEvaluation(
  items: readonly EvaluationItem[],
  interpret: Interpreter,
  options: EvaluationOptions,
): Promise<EvaluationReport> {
  const predictions: Interpretation[] = [];
  for (const item of items) {
    predictions.push(await interpret(item.text, contextFor(item, options)));
  }
  return summarise(items, predictions);
}

/** The recognizer context an evaluation item is scored in: its locale's zone and currency unless overridden. Pure. */
export function contextFor(item: EvaluationItem, options: EvaluationOptions): NluContext {
  const currency = options.currency ?? getLocaleCurrency(item.locale);
  return {
    locale: item.locale,
    timeZone: options.timeZone ?? getLocaleTimeZone(item.locale),
    now: options.now,
    ...(currency ? { currency } : {}),
  };
}

function summarise(items: readonly EvaluationItem[], predictions: readonly Interpretation[]): EvaluationReport {
  const labels = [...new Set([...items.map((i) => i.intent), ...predictions.map((p) => p.intent)])].sort();
  const at = new Map(labels.map((label, i) => [label, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  const entities: EvaluationReport['entities'] = { checked: 0, correct: 0, accuracy: 0, perEntity: {} };
  const misses: EvaluationMiss[] = [];
  items.forEach((item, index) => {
    const p = predictions[index];
    if (!p) return;
    const row = matrix[at.get(item.intent) ?? 0];
    if (row) row[at.get(p.intent) ?? 0] = (row[at.get(p.intent) ?? 0] ?? 0) + 1;
    const mismatches = compareEntities(item.entities, p.entities, entities);
    if (p.intent !== item.intent || mismatches.length > 0) {
      misses.push({ index, text: item.text, locale: item.locale, expected: item.intent, predicted: p.intent, confidence: p.confidence, entityMismatches: mismatches });
    }
  });
  entities.accuracy = ratio(entities.correct, entities.checked);
  const perIntent = labels.map((intent, i) => intentScore(intent, i, matrix));
  const correct = labels.reduce((sum, _l, i) => sum + (matrix[i]?.[i] ?? 0), 0);
  return { total: items.length, correct, accuracy: ratio(correct, items.length), perIntent, entities, confusion: { labels, matrix }, misses };
}

function intentScore(intent: string, i: number, matrix: number[][]): IntentScore {
  const support = (matrix[i] ?? []).reduce((a, b) => a + b, 0);
  const predicted = matrix.reduce((sum, row) => sum + (row[i] ?? 0), 0);
  const correct = matrix[i]?.[i] ?? 0;
  const recall = ratio(correct, support);
  return { intent, support, predicted, correct, precision: ratio(correct, predicted), recall, accuracy: recall };
}

/** Compares the labelled entity keys; counts into `tally`; returns the keys that differ. */
function compareEntities(expected: Entities | undefined, actual: Entities, tally: EvaluationReport['entities']): string[] {
  if (!expected) return [];
  const keys = (['amount', 'date', 'count', 'frequency', 'identifier'] as const).filter((k) => expected[k] !== undefined);
  if (keys.length === 0) return [];
  const wrong = keys.filter((k) => !entityMatches(expected, actual, k));
  for (const k of keys) {
    const entry = (tally.perEntity[k] ??= { checked: 0, correct: 0 });
    entry.checked += 1;
    if (!wrong.includes(k)) entry.correct += 1;
  }
  tally.checked += 1;
  if (wrong.length === 0) tally.correct += 1;
  return wrong;
}

/** Labelled fields only: an amount labelled without a currency matches on minor units alone. */
function entityMatches(expected: Entities, actual: Entities, key: keyof Entities): boolean {
  if (key === 'amount') {
    const want = expected.amount;
    const got = actual.amount;
    return !!want && !!got && want.minor === got.minor && (want.currency === undefined || want.currency === got.currency);
  }
  return expected[key] === actual[key];
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000;
}
