import { parseArgs } from 'node:util';
import { formatEvaluationReport } from '../core/nlu/formatEvaluationReport';
import { recognize } from '../core/nlu/recognize';
import { scoreEvaluation } from '../core/nlu/scoreEvaluation';
import type { Interpreter } from '../core/nlu/scoreEvaluation';
import { loadEvaluationFile } from './loadEvaluationFile';
import { timeInterpreter } from './timeInterpreter';

/** The instant the shipped fixtures were labelled against; relative dates in them resolve from here. */
export const DEFAULT_EVAL_NOW = '2026-11-23T15:00:00Z';

const USAGE = `usage: npm run eval:nlu -- FILE.yaml [--json] [--llm | --rules-only] [--now ${DEFAULT_EVAL_NOW}] [--tz America/Bogota] [--currency COP]
  --llm       score rules + LLM under the guardrails (needs OPENAI_API_KEY; OPENAI_BASE_URL, OPENAI_MODEL optional)
  --rules-only  score the word rules alone, without the statistical classifier they consult when unsure
  --now       instant relative dates are resolved against (default ${DEFAULT_EVAL_NOW}, the fixtures' reference)
  --tz        time zone for every item (default: the locale's, e.g. es-CO → America/Bogota)
  --currency  currency for every item (default: the locale's, e.g. es-MX → MXN)`;

/** Builds the rules+LLM interpreter for --llm, or says why it cannot (no OPENAI_API_KEY, bad config). */
export type LlmInterpreterFactory = () => { ok: true; interpret: Interpreter; describe(): string[] } | { ok: false; message: string };

export interface EvalIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * The `eval:nlu` command: scores an interpreter (the rules recognizer unless another is passed, e.g. a
 * combined rules+LLM one) on a YAML file and prints a text or JSON report. With --llm it scores what
 * `llmFactory` builds instead (exit 2 with its message when it cannot, e.g. no OPENAI_API_KEY); with --rules-only it
 * scores `rulesAlone` (the word rules without the classifier). Returns the exit code: 0 when the file was scored
 * (whatever the accuracy), 2 on bad arguments or bad input. Does file I/O.
 */
export async function runEvalNlu(
  argv: readonly string[],
  io: EvalIo,
  rules: Interpreter = recognize,
  llmFactory?: LlmInterpreterFactory,
  rulesAlone: Interpreter = (text, ctx) => recognize(text, ctx, undefined, null),
): Promise<number> {
  const options = readOptions(argv);
  if (!options.ok) {
    io.stderr(options.message);
    return options.exitCode;
  }
  const { file, now, json, tz, currency } = options;
  let interpret = options.rulesOnly ? rulesAlone : rules;
  let describe = (): string[] => [];
  if (options.llm) {
    const built = llmFactory ? llmFactory() : { ok: false as const, message: 'eval:nlu --llm is not available from this entry point' };
    if (!built.ok) {
      io.stderr(built.message);
      return 2;
    }
    interpret = built.interpret;
    describe = built.describe;
  }
  const loaded = await loadEvaluationFile(file);
  if (!loaded.ok) {
    io.stderr(loaded.error.issues.join('\n'));
    return 2;
  }
  const items = loaded.items;
  const scoring = { now, ...(tz ? { timeZone: tz } : {}), ...(currency ? { currency } : {}) };
  const report = await scoreEvaluation(items, interpret, scoring);
  const context = { file, now: now.toISOString(), timeZone: tz ?? 'per locale', currency: currency ?? 'per locale', interpreter: options.llm ? 'rules+llm' : options.rulesOnly ? 'word rules only (no classifier)' : 'rules' };
  const llmLines = describe();
  // The rules are timed (the model's latency is the network's); CPU time per message, as bench:engine reports.
  const timing = !options.llm && items.length > 0 ? timeInterpreter(items, interpret, scoring) : undefined;
  if (json) io.stdout(JSON.stringify({ ...context, ...(options.llm ? { llm: llmLines } : {}), ...report, ...(timing ? { microsPerMessage: round2(timing.microsPerMessage) } : {}) }, null, 2));
  else {
    const header = [`file: ${file}`, `now: ${context.now}  time zone: ${context.timeZone}  currency: ${context.currency}`, `interpreter: ${context.interpreter}`, ...llmLines];
    if (timing) header.push(`time: ${timing.microsPerMessage.toFixed(1)} µs CPU per message (rules NLU, mean of ${timing.calls} calls)`);
    io.stdout(formatEvaluationReport(report, header));
  }
  return 0;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

type EvalOptions =
  | { ok: true; file: string; now: Date; json: boolean; llm: boolean; rulesOnly: boolean; tz?: string; currency?: string }
  | { ok: false; message: string; exitCode: number };

function readOptions(argv: readonly string[]): EvalOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: 'boolean' }, llm: { type: 'boolean' }, 'rules-only': { type: 'boolean' }, now: { type: 'string' }, tz: { type: 'string' }, currency: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (err) {
    return { ok: false, message: `${err instanceof Error ? err.message : String(err)}\n${USAGE}`, exitCode: 2 };
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (values.help || positionals.length !== 1 || !file) return { ok: false, message: USAGE, exitCode: values.help ? 0 : 2 };
  if (values.llm && values['rules-only']) return { ok: false, message: `--llm and --rules-only exclude each other\n${USAGE}`, exitCode: 2 };
  const nowText = values.now ?? DEFAULT_EVAL_NOW;
  const now = new Date(nowText);
  if (Number.isNaN(now.getTime())) return { ok: false, message: `--now: not an ISO instant: ${nowText}`, exitCode: 2 };
  if (values.tz !== undefined && !isTimeZone(values.tz)) {
    return { ok: false, message: `--tz: unknown IANA time zone: ${values.tz}`, exitCode: 2 };
  }
  return { ok: true, file, now, json: values.json ?? false, llm: values.llm ?? false, rulesOnly: values['rules-only'] ?? false, tz: values.tz, currency: values.currency?.toUpperCase() };
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
