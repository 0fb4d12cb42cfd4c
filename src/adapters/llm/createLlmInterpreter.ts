import { currencyMinorDigits } from '../../core/guardrails/isEntityInText';
import { redactPii } from '../../core/guardrails/redactPii';
import type { PiiReplacement } from '../../core/guardrails/redactPii';
import { restorePii } from '../../core/guardrails/restorePii';
import { sanitizeText } from '../../core/guardrails/sanitizeText';
import { combineInterpretations } from '../../core/nlu/combineInterpretations';
import type { Entities, Interpretation, NluContext } from '../../core/nlu/types';
import type { Clock } from '../../ports/clock';
import { allowedIntents, GLOBAL_INTENTS } from './allowedIntents';
import { createInterpretSchema } from './createInterpretSchema';
import type { InterpretOutput } from './createInterpretSchema';
import { describeIntents } from './describeIntents';
import { renderPrompt } from './renderPrompt';
import { runWithinBudget } from './runWithinBudget';
import type { InterpretTrace, Llm, LlmInterpretation, LlmInterpreter, LlmOutcome } from './types';
import { wrapAsData } from './wrapAsData';

export interface LlmInterpreterDeps {
  /** The model, or null to run on rules alone. */
  llm: Llm | null;
  /** The rules NLU (src/core/nlu/recognize). */
  rules: (text: string, ctx: NluContext) => Interpretation;
  /** Hard limit for the model's answer; past it the rules answer. */
  budgetMs: number;
  clock: Clock;
  /** Intents every state accepts; defaults to GLOBAL_INTENTS. */
  globalIntents?: readonly string[];
  /** Ask the model even when the rules are already confident (default false: saves calls and time). */
  callLlmWhenRulesConfident?: boolean;
  /** Rules at or above this confidence win (default 0.85). */
  rulesHighConfidence?: number;
}

/** Longest debtor text sent to the model; the rules still see all of it. */
const MAX_LLM_INPUT = 1000;

/**
 * Builds the interpreter the pipeline calls for each inbound message: the rules NLU always runs; the model,
 * when configured and within the per-conversation call limit, proposes an intent among the allowed ones and
 * entities, from PII-redacted text, within `budgetMs`; combineInterpretations decides. Never rejects: any model
 * failure yields the rules' result with the failure code in the trace. Does network I/O through `llm`.
 */
export function createLlmInterpreter(deps: LlmInterpreterDeps): LlmInterpreter {
  const high = deps.rulesHighConfidence ?? 0.85;
  return async (text, ctx, options = {}) => {
    const rules = deps.rules(text, ctx);
    const base = { rules, llm: null, decision: 'RULES_ONLY' as const, dropped: [], redactedItems: 0, latencyMs: 0 };
    const llm = deps.llm;
    if (!llm) return withTrace(rules, { ...base, outcome: 'LLM.DISABLED', llmCalled: false, prompt: null, model: null });
    const promptRef = { id: llm.prompts.interpret.id, version: llm.prompts.interpret.version, hash: llm.prompts.interpret.hash };
    const traceBase = { ...base, prompt: promptRef, model: llm.modelName };
    if ((options.llmCallsSoFar ?? 0) >= llm.maxCallsPerConversation) {
      return withTrace(rules, { ...traceBase, outcome: 'LLM.CALL_LIMIT', llmCalled: false });
    }
    if (!deps.callLlmWhenRulesConfident && rules.intent !== 'unknown' && rules.confidence >= high) {
      return withTrace(rules, { ...traceBase, outcome: 'LLM.SKIPPED_RULES_CONFIDENT', llmCalled: false });
    }
    const allowed = allowedIntents(ctx.expected?.intents, deps.globalIntents ?? GLOBAL_INTENTS);
    const clean = sanitizeText(text, MAX_LLM_INPUT);
    const redacted = redactPii(clean, { names: options.knownNames, accounts: options.knownAccounts });
    const startedAt = deps.clock.now().getTime();
    const answer = await askModel(llm, redacted.text, ctx, allowed, deps.budgetMs);
    const latencyMs = deps.clock.now().getTime() - startedAt;
    const called = { ...traceBase, llmCalled: true, latencyMs, redactedItems: redacted.replacements.length };
    if (!answer.ok) return withTrace(rules, { ...called, outcome: answer.error.code });
    const proposal = toInterpretation(answer.value, ctx, redacted.replacements);
    const combined = combineInterpretations(rules, proposal, { text: clean, ctx, allowedIntents: allowed, rulesHighConfidence: high });
    return withTrace(combined.interpretation, {
      ...called,
      outcome: 'OK',
      llm: proposal,
      decision: combined.decision,
      dropped: combined.dropped,
    });
  };
}

type ModelAnswer = { ok: true; value: InterpretOutput } | { ok: false; error: { code: LlmOutcome } };

async function askModel(llm: Llm, redactedText: string, ctx: NluContext, allowed: string[], budgetMs: number): Promise<ModelAnswer> {
  const schema = createInterpretSchema(allowed);
  const currency = ctx.currency ?? 'USD';
  const system = renderPrompt(llm.prompts.interpret.text, {
    allowed_intents: allowed.join(', '),
    intent_descriptions: describeIntents(allowed),
    currency,
    minor_digits: String(currencyMinorDigits(currency)),
    today: new Intl.DateTimeFormat('en-CA', { timeZone: ctx.timeZone }).format(ctx.now),
    time_zone: ctx.timeZone,
    expected_entity: ctx.expected?.entity ?? 'nothing in particular',
    locale: ctx.locale,
  });
  const user = wrapAsData('debtor_message', redactedText);
  const result = await runWithinBudget((signal) => llm.generate({ schema, schemaName: 'interpretation', system, user, signal }), budgetMs);
  if (!result.ok) return result;
  // Validate again whatever the client returned: some paths (text JSON, lenient servers) skip the schema.
  const parsed = schema.safeParse(result.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const outOfEnum = parsed.error.issues.some((issue) => issue.path[0] === 'intent');
  return { ok: false, error: { code: outOfEnum ? 'LLM.OUT_OF_ENUM' : 'LLM.INVALID_OUTPUT' } };
}

function toInterpretation(output: InterpretOutput, ctx: NluContext, replacements: readonly PiiReplacement[]): Interpretation {
  const entities: Entities = {};
  if (output.amount_minor !== null) {
    const currency = output.currency ?? ctx.currency;
    entities.amount = currency ? { minor: output.amount_minor, currency } : { minor: output.amount_minor };
  }
  if (output.date !== null) entities.date = output.date;
  if (output.count !== null) entities.count = output.count;
  if (output.frequency !== null) entities.frequency = output.frequency;
  if (output.identifier !== null) {
    const restored = restorePii(output.identifier, replacements);
    if (restored.unknown.length === 0) entities.identifier = restored.text;
  }
  return { intent: output.intent, entities, confidence: output.confidence, source: 'llm' };
}

function withTrace(interpretation: Interpretation, trace: InterpretTrace): LlmInterpretation {
  return { ...interpretation, trace };
}
