import { z } from 'zod';
import type { ActionDef, Effect, Guard, StepContext } from '../../engine/types';
import type { FactsReader } from './readStep';

/** The stable code a facts provider leaves when it could not build collections facts (e.g. FACTS.NO_ACCOUNT). */
const factsErrorSchema = z.string().regex(/^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)+$/).optional().catch(undefined);

/** Why the facts are unusable: the provider's code and the schema paths that failed; never a value from the facts. */
function describeUnavailable(ctx: StepContext, read: FactsReader): Record<string, unknown> {
  const facts = read(ctx);
  const invalid = facts.ok ? undefined : facts.effect;
  const paths = invalid?.type === 'audit' && Array.isArray(invalid.data?.paths) ? invalid.data.paths : [];
  return { factsError: factsErrorSchema.parse(ctx.facts.factsError) ?? null, paths };
}

/**
 * Guards and actions about the facts themselves: `facts_ready` passes when the facts parse as CollectionsFacts
 * (through the registry's cached reader, so other guards of the step reuse the parse); `request_facts_handoff`
 * audits COLLECTIONS.FACTS_UNAVAILABLE { factsError, paths } and hands the conversation to a person (reason
 * `facts_unavailable`), for a debtor known by phone with no usable account. Pure.
 */
export function createFactsEntries(read: FactsReader): { guards: Record<string, Guard>; actions: Record<string, ActionDef> } {
  return {
    guards: {
      facts_ready: (ctx) => read(ctx).ok,
    },
    actions: {
      request_facts_handoff: {
        run: (ctx) => {
          const effects: Effect[] = [
            { type: 'audit', code: 'COLLECTIONS.FACTS_UNAVAILABLE', data: describeUnavailable(ctx, read) },
            { type: 'handoff', reason: 'facts_unavailable' },
          ];
          return { effects };
        },
      },
    },
  };
}
