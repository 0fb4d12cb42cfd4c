import type { Config } from '../../config';
import { recognize } from '../../core/nlu/recognize';
import type { Interpretation, NluContext } from '../../core/nlu/types';
import { createSystemClock } from '../../ports/clock';
import { createLlm } from './createLlm';
import { createLlmInterpreter } from './createLlmInterpreter';
import type { InterpretTrace } from './types';

/**
 * The interpreter `npm run eval:nlu -- FILE --llm` scores: rules + model with the guardrails, asking the
 * model on every item (not only when the rules are unsure) so the eval measures it. `onTrace` sees each
 * item's trace (outcome, decision) for the report. Returns null when no OPENAI_API_KEY is configured.
 * Does network I/O per call.
 */
export function createEvalInterpreter(
  config: Config,
  onTrace?: (trace: InterpretTrace) => void,
): ((text: string, ctx: NluContext) => Promise<Interpretation>) | null {
  const llm = createLlm(config);
  if (!llm) return null;
  const interpret = createLlmInterpreter({
    llm,
    rules: recognize,
    budgetMs: config.LLM_TIMEOUT_MS,
    clock: createSystemClock(),
    callLlmWhenRulesConfident: true,
  });
  return async (text, ctx) => {
    const { trace, ...interpretation } = await interpret(text, ctx);
    onTrace?.(trace);
    return interpretation;
  };
}
