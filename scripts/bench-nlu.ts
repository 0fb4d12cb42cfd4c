/**
 * npx tsx scripts/bench-nlu.ts [--rounds 7] — µs per message of the intent classifier alone, the rules NLU with it
 * and the word rules alone, over every labelled message in tests/fixtures/nlu (median of alternating rounds, one
 * process CPU time). Prints the load average: other processes share the cores. The logic is in src/nlu-eval.
 */
import { readdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EvaluationItem } from '../src/core/nlu/evaluationItemSchema';
import { loadEvaluationFile } from '../src/nlu-eval/loadEvaluationFile';
import { measureNluCost } from '../src/nlu-eval/measureNluCost';
import { DEFAULT_EVAL_NOW } from '../src/nlu-eval/runEvalNlu';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' } } });
const dir = join(import.meta.dirname, '..', 'tests', 'fixtures', 'nlu');
const items: EvaluationItem[] = [];
for (const name of (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort()) {
  const loaded = await loadEvaluationFile(join(dir, name));
  if (!loaded.ok) throw new Error(loaded.error.issues.join('\n'));
  items.push(...loaded.items);
}
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
const before = load();
const f = measureNluCost(items, new Date(DEFAULT_EVAL_NOW), Number(values.rounds));
process.stdout.write(
  `${f.messages} labelled messages, median of ${f.rounds} alternating rounds (CPU µs per message)\n` +
    `  classifier alone (features + scoring): ${f.classifier.toFixed(2)}\n` +
    `  rules NLU consulting the classifier:   ${f.rulesWithClassifier.toFixed(2)}\n` +
    `  word rules alone:                      ${f.rulesOnly.toFixed(2)}\n` +
    `load average before: ${before}; after: ${load()}\n`,
);
