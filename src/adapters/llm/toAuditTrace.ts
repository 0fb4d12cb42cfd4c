import type { Interpretation } from '../../core/nlu/types';
import type { InterpretTrace } from './types';

/**
 * The interpretation trace as the audit may store it: outcome, decision, prompt, model, latency and the
 * entities, with any identifier (document digits, birth date) replaced by a marker, since audit events carry
 * no personal data. Pure.
 */
export function toAuditTrace(trace: InterpretTrace): Record<string, unknown> {
  return {
    outcome: trace.outcome,
    llmCalled: trace.llmCalled,
    prompt: trace.prompt,
    model: trace.model,
    latencyMs: trace.latencyMs,
    decision: trace.decision,
    dropped: trace.dropped,
    redactedItems: trace.redactedItems,
    rules: maskIdentifier(trace.rules),
    llm: trace.llm ? maskIdentifier(trace.llm) : null,
  };
}

function maskIdentifier(interpretation: Interpretation): Interpretation {
  if (interpretation.entities.identifier === undefined) return interpretation;
  return { ...interpretation, entities: { ...interpretation.entities, identifier: '[redacted]' } };
}
