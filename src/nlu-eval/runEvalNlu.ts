import { parseArgs } from 'node:util';
import { formatEvaluationReport } from '../core/nlu/formatEvaluationReport';
import { recognize } from '../core/nlu/recognize';
import { scoreEvaluation } from '../core/nlu/scoreEvaluation';
import type { Interpreter } from '../core/nlu/scoreEvaluation';
import { loadEvaluationFile } from './loadEvaluationFile';

/** The instant the shipped fixtures were labelled against; relative dates in them resolve from here. */
export const DEFAULT_EVAL_NOW = '2026-11-23T15:00:00Z';

const USAGE = `usage: npm run eval:nlu -- FILE.yaml [--json] [--now ${DEFAULT_EVAL_NOW}] [--tz America/Bogota] [--currency COP]
  --now       instant relative dates are resolved against (default ${DEFAULT_EVAL_NOW}, the fixtures' reference)
  --tz        time zone for every item (default: the locale's, e.g. es-CO → America/Bogota)
  --currency  currency for every item (default: the locale's, e.g. es-MX → MXN)`;

export interface EvalIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * The `eval:nlu` command: scores an interpreter (the rules recognizer unless another is passed, e.g. a
 * combined rules+LLM one) on a YAML file and prints a text or JSON report. Returns the exit code: 0 when
 * the file was scored (whatever the accuracy), 2 on bad arguments or bad input. Does file I/O.
 */
export async function runEvalNlu(argv: readonly string[], io: EvalIo, interpret: Interpreter = recognize): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: 'boolean' }, now: { type: 'string' }, tz: { type: 'string' }, currency: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length !== 1 || !positionals[0]) {
    io.stderr(USAGE);
    return values.help ? 0 : 2;
  }
  const file = positionals[0];
  const nowText = values.now ?? DEFAULT_EVAL_NOW;
  const now = new Date(nowText);
  if (Number.isNaN(now.getTime())) {
    io.stderr(`--now: not an ISO instant: ${nowText}`);
    return 2;
  }
  if (values.tz !== undefined && !isTimeZone(values.tz)) {
    io.stderr(`--tz: unknown IANA time zone: ${values.tz}`);
    return 2;
  }
  const loaded = await loadEvaluationFile(file);
  if (!loaded.ok) {
    io.stderr(loaded.error.issues.join('\n'));
    return 2;
  }
  const report = await scoreEvaluation(loaded.items, interpret, {
    now,
    ...(values.tz ? { timeZone: values.tz } : {}),
    ...(values.currency ? { currency: values.currency.toUpperCase() } : {}),
  });
  const context = { file, now: now.toISOString(), timeZone: values.tz ?? 'per locale', currency: values.currency ?? 'per locale' };
  if (values.json) io.stdout(JSON.stringify({ ...context, ...report }, null, 2));
  else io.stdout(formatEvaluationReport(report, [`file: ${file}`, `now: ${context.now}  time zone: ${context.timeZone}  currency: ${context.currency}`]));
  return 0;
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
