import { createEvalInterpreter } from '../adapters/llm/createEvalInterpreter';
import { parseConfig } from '../config';
import type { LlmInterpreterFactory } from './runEvalNlu';

export const MISSING_KEY_MESSAGE =
  'eval:nlu --llm needs OPENAI_API_KEY in the environment (OPENAI_BASE_URL for another OpenAI-compatible server, OPENAI_MODEL for the model). Run without --llm to score the rules alone.';

/**
 * The --llm interpreter of `npm run eval:nlu` from an environment: rules + model under the guardrails, asking
 * the model on every item, and a summary of LLM outcomes and combination decisions for the report. Fails with
 * a clear message when OPENAI_API_KEY is missing or the config is invalid. No I/O until the interpreter runs.
 */
export function createLlmEvalFactory(env: Record<string, string | undefined>): LlmInterpreterFactory {
  return () => {
    const parsed = parseConfig(env);
    if (!parsed.ok) return { ok: false, message: parsed.errors.map((line) => `config error: ${line}`).join('\n') };
    const outcomes = new Map<string, number>();
    const decisions = new Map<string, number>();
    const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    const interpret = createEvalInterpreter(parsed.config, (trace) => {
      bump(outcomes, trace.outcome);
      bump(decisions, trace.decision);
    });
    if (!interpret) return { ok: false, message: MISSING_KEY_MESSAGE };
    const list = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
    return {
      ok: true,
      interpret,
      describe: () => [`llm model: ${parsed.config.OPENAI_MODEL}  budget: ${parsed.config.LLM_TIMEOUT_MS} ms`, `llm outcomes: ${list(outcomes)}`, `combination: ${list(decisions)}`],
    };
  };
}
