import type { ActionDef, Guard, Registry, StepContext } from './types';

/** Confidence at or above which `confidence_high` passes. */
export const HIGH_CONFIDENCE = 0.8;

function hasEntity(name: 'amount' | 'date' | 'count' | 'frequency' | 'identifier'): Guard {
  return (ctx) => ctx.event.kind === 'message' && ctx.event.entities[name] !== undefined;
}

function remember(name: 'amount' | 'date' | 'count' | 'frequency'): ActionDef {
  return {
    writes: [name],
    run: (ctx) => (ctx.event.kind === 'message' && ctx.event.entities[name] !== undefined ? { slots: { [name]: ctx.event.entities[name] } } : {}),
  };
}

function handoffReason(ctx: StepContext): string {
  if (ctx.event.kind === 'message') return ctx.event.intent === 'human_agent' ? 'requested_by_debtor' : `intent:${ctx.event.intent}`;
  if (ctx.event.kind === 'system') return `event:${ctx.event.name}`;
  return 'flow';
}

/**
 * Guards and actions any flow may use, independent of the collections domain (see flows/README.md for the
 * list). Domains add theirs with mergeRegistries. Pure.
 */
export function createBaseRegistry(): Registry {
  return {
    guards: {
      has_amount: hasEntity('amount'),
      has_date: hasEntity('date'),
      has_count: hasEntity('count'),
      has_frequency: hasEntity('frequency'),
      has_identifier: hasEntity('identifier'),
      confidence_high: (ctx) => ctx.event.kind === 'message' && ctx.event.confidence >= HIGH_CONFIDENCE,
    },
    actions: {
      clear_slots: {
        run: (ctx) => ({ slots: Object.fromEntries(Object.keys(ctx.session.slots).map((key) => [key, undefined])) }),
      },
      remember_amount: remember('amount'),
      remember_date: remember('date'),
      remember_count: remember('count'),
      remember_frequency: remember('frequency'),
      request_handoff: { run: (ctx) => ({ effects: [{ type: 'handoff', reason: handoffReason(ctx) }] }) },
      record_opt_out: { run: () => ({ slots: { optedOut: true }, effects: [{ type: 'opt_out' }] }), writes: ['optedOut'] },
      record_wrong_party: { run: () => ({ effects: [{ type: 'mark_wrong_party' }] }) },
      record_dispute: { run: () => ({ slots: { disputed: true }, effects: [{ type: 'record_dispute' }] }), writes: ['disputed'] },
    },
  };
}
