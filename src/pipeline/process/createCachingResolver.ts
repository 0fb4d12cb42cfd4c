import type { Interpreter } from '../../ports/interpreter';
import { interpretationKey } from './interpretationKey';
import type { ResolveInterpretation, ResolvedInterpretation } from './planConversationBatch';
import { readInterpretTrace } from './readInterpretTrace';

/** The interpretations made for one batch's rows (by inbox id, with the key they were made under) and the LLM calls made. */
export interface InterpretationCache {
  entries: Map<string, { key: string; resolved: ResolvedInterpretation }>;
  llmCalls: number;
}

/**
 * A resolver over a batch's interpretation cache: reuses an interpretation made for the same key; otherwise
 * calls the interpreter when `call` (outside the transaction, or the last round) or reports none (stale).
 * Counts the LLM calls the interpreter reports in its trace, discarded ones included. No I/O of its own.
 */
export function createCachingResolver(interpret: Interpreter, cache: InterpretationCache, call: boolean): ResolveInterpretation {
  return async (row, ctx, opts) => {
    const key = interpretationKey(row.body, ctx, opts);
    const hit = cache.entries.get(row.id);
    if (hit && hit.key === key) return hit.resolved;
    if (!call) return undefined;
    const result = await interpret(row.body, ctx, opts);
    const trace = readInterpretTrace(result);
    if (trace?.llmCalled) cache.llmCalls += 1;
    const { intent, entities, confidence, source } = result;
    const interpretation = { intent, entities, confidence, source, ...(result.needsConfirmation ? { needsConfirmation: true } : {}) };
    const resolved = { interpretation, trace, reinterpreted: hit !== undefined };
    cache.entries.set(row.id, { key, resolved });
    return resolved;
  };
}
