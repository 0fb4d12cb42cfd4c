/**
 * npm run nlu:train — trains the intent classifier on tests/fixtures/nlu (blind files excluded) and writes
 * src/core/nlu/intentClassifierModel.ts. Deterministic: the same files always give the same file.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildIntentClassifier } from '../src/nlu-eval/buildIntentClassifier';

const root = join(import.meta.dirname, '..');
const started = performance.now();
const built = await buildIntentClassifier(join(root, 'tests', 'fixtures', 'nlu'), JSON.parse(process.env.NLU_TRAIN_OPTIONS ?? '{}'));
if (!built.ok) {
  process.stderr.write(`${built.issues.join('\n')}\n`);
  process.exit(2);
}
const target = join(root, 'src', 'core', 'nlu', 'intentClassifierModel.ts');
await writeFile(target, built.source);
const weights = built.model.rows.reduce((sum, [, row]) => sum + row.length, 0);
process.stdout.write(
  `trained on ${built.examples} messages from ${built.files.join(', ')}: ${built.model.intents.length} intents, ` +
    `${built.model.rows.length} buckets, ${weights} weights, ${(built.source.length / 1024).toFixed(0)} KiB, ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s → ${target}\n`,
);
