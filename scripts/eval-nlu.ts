/** Entry point of `npm run eval:nlu -- FILE.yaml [--json] [--llm] [--now ISO] [--tz ZONE]`; the logic is in src/nlu-eval. */
import { recognize } from '../src/core/nlu/recognize';
import { createLlmEvalFactory } from '../src/nlu-eval/createLlmEvalFactory';
import { runEvalNlu } from '../src/nlu-eval/runEvalNlu';

process.exitCode = await runEvalNlu(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  },
  recognize,
  createLlmEvalFactory(process.env),
);
