import { z } from 'zod';
import type { Effect, StepContext } from '../../engine/types';
import { FREQUENCIES } from '../../nlu/intents';
import type { NegotiationRequest } from '../negotiation/offer';
import { collectionsFactsSchema, type CollectionsFacts } from './collectionsFacts';

const amountSlot = z.object({ minor: z.number().int(), currency: z.string().optional() });
const slotsSchema = z.looseObject({
  amount: amountSlot.optional().catch(undefined),
  count: z.number().int().min(1).optional().catch(undefined),
  frequency: z.enum(FREQUENCIES).optional().catch(undefined),
  date: z.string().optional().catch(undefined),
  downPayment: amountSlot.optional().catch(undefined),
  identifier: z.string().optional().catch(undefined),
  counterOffers: z.number().int().min(0).optional().catch(undefined),
  offerIndex: z.number().int().min(0).optional().catch(undefined),
  verificationAttempts: z.number().int().min(0).optional().catch(undefined),
  verificationLockUntil: z.string().nullable().optional().catch(undefined),
});
export type CollectionsSlots = z.infer<typeof slotsSchema>;

/** Facts parsed once per facts object (a step evaluates several guards over the same facts). */
export type FactsReader = (ctx: StepContext) => { ok: true; facts: CollectionsFacts } | { ok: false; effect: Effect };

/** Builds a reader that validates ctx.facts with collectionsFactsSchema, memoised per facts object. Pure. */
export function createFactsReader(): FactsReader {
  const cache = new WeakMap<object, ReturnType<FactsReader>>();
  return (ctx) => {
    const hit = cache.get(ctx.facts);
    if (hit) return hit;
    const parsed = collectionsFactsSchema.safeParse(ctx.facts);
    const result: ReturnType<FactsReader> = parsed.success
      ? { ok: true, facts: parsed.data }
      : { ok: false, effect: { type: 'audit', code: 'COLLECTIONS.FACTS_INVALID', data: { paths: parsed.error.issues.map((i) => i.path.join('.')) } } };
    cache.set(ctx.facts, result);
    return result;
  };
}

/** The session slots the collections entries use, each dropped when malformed. Pure. */
export function readSlots(ctx: StepContext): CollectionsSlots {
  return slotsSchema.parse(ctx.session.slots);
}

/** Largest bare number read as a count of installments rather than an amount (five years of monthly payments). */
const MAX_BARE_COUNT = 60;

/**
 * A message that is only a small whole number ("3") while negotiating a plan: the NLU reads it as an amount
 * (3 pesos), but as an answer about installments it is a count. Undefined for anything else. Pure.
 */
export function readBareCount(ctx: StepContext): number | undefined {
  if (ctx.event.kind !== 'message' || ctx.event.entities.count !== undefined) return undefined;
  const match = /^\s*(\d{1,2})\s*$/.exec(ctx.event.text);
  const n = match ? Number(match[1]) : 0;
  return n >= 1 && n <= MAX_BARE_COUNT ? n : undefined;
}

/**
 * The debtor's request: entities of the current message first, then what earlier messages left in slots. For a
 * plan, a message naming any term (count, amount, frequency, date, or a bare small number read as a count, see
 * readBareCount) replaces the earlier terms instead of mixing with them ("4 cuotas", then "mejor 20 mil al mes"
 * is a request by amount, not 4 installments). Pure.
 */
export function readRequest(ctx: StepContext, kind: NegotiationRequest['kind']): NegotiationRequest {
  const slots = readSlots(ctx);
  const e = ctx.event.kind === 'message' ? ctx.event.entities : {};
  const bareCount = kind === 'plan' ? readBareCount(ctx) : undefined;
  const fresh = kind === 'plan' && (bareCount !== undefined || e.amount !== undefined || e.count !== undefined || e.frequency !== undefined || e.date !== undefined);
  const earlier: CollectionsSlots = fresh ? {} : slots;
  const request: NegotiationRequest = { kind };
  const amount = bareCount === undefined ? (e.amount ?? earlier.amount) : undefined;
  if (amount) request.amount = amount;
  const count = bareCount ?? e.count ?? earlier.count;
  if (count !== undefined) request.count = count;
  const frequency = e.frequency ?? earlier.frequency;
  if (frequency) request.frequency = frequency;
  const date = e.date ?? earlier.date;
  if (date) request.date = date;
  if (earlier.downPayment) request.downPayment = earlier.downPayment;
  return request;
}

/** The verification answer: the current message's identifier entity, else the `identifier` slot. Pure. */
export function readIdentifier(ctx: StepContext): string | undefined {
  if (ctx.event.kind === 'message' && ctx.event.entities.identifier) return ctx.event.entities.identifier;
  return readSlots(ctx).identifier;
}
