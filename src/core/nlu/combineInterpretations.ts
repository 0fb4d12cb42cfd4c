import { isEntityInText } from '../guardrails/isEntityInText';
import type { Entities, Interpretation, NluContext } from './types';

/** Why the combined interpretation looks the way it does; recorded in the audit trail. */
export type CombineDecision =
  | 'RULES_ONLY'
  | 'LLM_OUT_OF_POLICY'
  | 'LLM_LOW_CONFIDENCE'
  | 'RULES_HIGH_CONFIDENCE'
  | 'AGREE'
  | 'LLM_ON_UNKNOWN'
  | 'LLM_MORE_CONFIDENT'
  | 'RULES_MORE_CONFIDENT'
  /** The model gave a value the debtor never wrote: its whole answer is distrusted, the rules answer. */
  | 'LLM_INVENTED_VALUES';

export interface CombineOptions {
  /** The debtor's text, to check that every value the model extracted is really in it. */
  text: string;
  ctx: NluContext;
  /** Intents the current state accepts plus the global ones; a model intent outside it is ignored. */
  allowedIntents: readonly string[];
  /** Rules at or above this confidence win outright (default 0.85). */
  rulesHighConfidence?: number;
  /** A model answer below this confidence is ignored (default 0.6). */
  llmMinConfidence?: number;
}

export interface CombinedInterpretation {
  interpretation: Interpretation;
  decision: CombineDecision;
  /** Model values thrown away, as `entity:reason` (amount:not_in_text, date:disagree). */
  dropped: string[];
}

/**
 * The policy that merges the rules NLU and the model's proposal. Rules win on high confidence; the model wins
 * when the rules say unknown; amounts and dates must agree between both, and one found only by the model is
 * kept flagged `needsConfirmation` if it is written in the text. A model value not written in the text, or an
 * amount or date other than the rules read, discards the model's whole answer when its intent acts on values
 * (decision LLM_INVENTED_VALUES). Pure.
 */
export function combineInterpretations(
  rules: Interpretation,
  llm: Interpretation | null,
  options: CombineOptions,
): CombinedInterpretation {
  if (!llm) return { interpretation: rules, decision: 'RULES_ONLY', dropped: [] };
  if (!options.allowedIntents.includes(llm.intent)) return { interpretation: rules, decision: 'LLM_OUT_OF_POLICY', dropped: ['intent:out_of_policy'] };
  if (llm.confidence < (options.llmMinConfidence ?? 0.6)) return { interpretation: rules, decision: 'LLM_LOW_CONFIDENCE', dropped: [] };
  const { decision, useLlmIntent } = chooseIntent(rules, llm, options.rulesHighConfidence ?? 0.85);
  const merged = mergeEntities(rules.entities, llm.entities, options);
  // A model that makes up a value (or reads an amount or date other than the one written) is complying with an
  // attack or hallucinating. When its intent acts on values (propose_amount for "give me 90 % off"), that intent
  // would still steer the flow: use none of it.
  if (useLlmIntent && VALUE_INTENTS.has(llm.intent) && merged.dropped.some(isDistrustedDrop)) {
    return { interpretation: rules, decision: 'LLM_INVENTED_VALUES', dropped: merged.dropped };
  }
  const winner = useLlmIntent ? llm : rules;
  const usedRules = !useLlmIntent || merged.fromRules;
  const usedLlm = useLlmIntent || merged.fromLlm;
  const interpretation: Interpretation = {
    intent: winner.intent,
    entities: merged.entities,
    confidence: decision === 'AGREE' ? Math.max(rules.confidence, llm.confidence) : winner.confidence,
    source: usedRules && usedLlm ? 'combined' : usedLlm ? 'llm' : 'rules',
  };
  if (merged.needsConfirmation) interpretation.needsConfirmation = true;
  return { interpretation, decision, dropped: merged.dropped };
}

function isDistrustedDrop(drop: string): boolean {
  return drop.endsWith(':not_in_text') || drop === 'amount:disagree' || drop === 'date:disagree';
}

function chooseIntent(rules: Interpretation, llm: Interpretation, high: number): { decision: CombineDecision; useLlmIntent: boolean } {
  if (rules.intent === llm.intent) return { decision: 'AGREE', useLlmIntent: false };
  if (rules.intent === 'unknown') return { decision: 'LLM_ON_UNKNOWN', useLlmIntent: true };
  if (rules.confidence >= high) return { decision: 'RULES_HIGH_CONFIDENCE', useLlmIntent: false };
  return llm.confidence > rules.confidence
    ? { decision: 'LLM_MORE_CONFIDENT', useLlmIntent: true }
    : { decision: 'RULES_MORE_CONFIDENT', useLlmIntent: false };
}

interface MergedEntities {
  entities: Entities;
  dropped: string[];
  needsConfirmation: boolean;
  fromRules: boolean;
  fromLlm: boolean;
}

const CONFIRMED_KEYS = ['amount', 'date'] as const;
/** Intents whose meaning rests on the values given with them (amounts, dates, counts, identifiers). */
const VALUE_INTENTS = new Set(['promise_to_pay', 'propose_amount', 'request_plan', 'pay_now', 'provide_info', 'already_paid']);
const OTHER_KEYS = ['count', 'frequency', 'identifier'] as const;

function mergeEntities(rules: Entities, llm: Entities, options: CombineOptions): MergedEntities {
  const out: MergedEntities = { entities: { ...rules }, dropped: [], needsConfirmation: false, fromRules: false, fromLlm: false };
  for (const key of [...CONFIRMED_KEYS, ...OTHER_KEYS]) {
    const fromRules = rules[key];
    const fromLlm = llm[key];
    if (fromRules !== undefined) out.fromRules = true;
    if (fromLlm === undefined) continue;
    if (fromRules !== undefined) {
      if (!sameValue(fromRules, fromLlm, options.ctx.currency)) out.dropped.push(`${key}:disagree`);
      continue;
    }
    if (!isEntityInText(options.text, key, llm, options.ctx)) {
      out.dropped.push(`${key}:not_in_text`);
      continue;
    }
    copyEntity(out.entities, llm, key, options.ctx.currency);
    out.fromLlm = true;
    if (key === 'amount' || key === 'date') out.needsConfirmation = true;
  }
  return out;
}

function copyEntity(target: Entities, source: Entities, key: keyof Entities, currency: string | undefined): void {
  if (key === 'amount' && source.amount) {
    const cur = source.amount.currency ?? currency;
    target.amount = cur ? { minor: source.amount.minor, currency: cur } : { minor: source.amount.minor };
  } else if (key === 'date') target.date = source.date;
  else if (key === 'count') target.count = source.count;
  else if (key === 'frequency') target.frequency = source.frequency;
  else if (key === 'identifier') target.identifier = source.identifier;
}

function sameValue(a: unknown, b: unknown, currency: string | undefined): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && 'minor' in a && 'minor' in b) {
    const ca = 'currency' in a && typeof a.currency === 'string' ? a.currency : currency;
    const cb = 'currency' in b && typeof b.currency === 'string' ? b.currency : currency;
    return a.minor === b.minor && ca === cb;
  }
  return a === b;
}
