/** Entry point of `npm run eval:nlu -- FILE.yaml [--json] [--llm | --rules-only] [--now ISO] [--tz ZONE]`; the logic is in src/nlu-eval. */
import { createRecognizer } from '../src/core/nlu/createRecognizer';
import { createLlmEvalFactory } from '../src/nlu-eval/createLlmEvalFactory';
import { runEvalNlu } from '../src/nlu-eval/runEvalNlu';

process.exitCode = await runEvalNlu(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  },
  // A recognizer with its own date-formatter cache, as the pipeline uses: same answers, realistic time.
  createRecognizer(),
  createLlmEvalFactory(process.env),
  createRecognizer(null),
);
