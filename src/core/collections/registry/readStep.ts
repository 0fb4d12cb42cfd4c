import { z } from 'zod';
import type { Effect, StepContext } from '../../engine/types';
import { FREQUENCIES } from '../../nlu/intents';
import { localDate } from '../dates/localDate';
import { createIntlCache, type IntlCache } from '../intl/createIntlCache';
import type { NegotiationRequest, Offer } from '../negotiation/offer';
import { collectionsFactsSchema, type CollectionsFacts } from './collectionsFacts';
import { offerSchema } from './offerSchema';

const amountSlot = z.object({ minor: z.number().int(), currency: z.string().optional() });
/** Each slot the collections entries read, dropped (undefined) when malformed: slots are untyped JSON. */
const slotShape = {
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
};
const slotsSchema = z.looseObject(slotShape);
export type CollectionsSlots = z.infer<typeof slotsSchema>;
type SlotName = keyof typeof slotShape;
type SlotValues = { [K in SlotName]: z.output<(typeof slotShape)[K]> };
// The same schemas, typed per key so readSlot(ctx, key) returns that key's type.
const slotFields: { [K in SlotName]: z.ZodType<SlotValues[K]> } = slotShape;

type FactsResult = { ok: true; facts: CollectionsFacts } | { ok: false; effect: Effect };

/** Facts parsed once per facts object (a step evaluates several guards over the same facts). */
export type FactsReader = (ctx: StepContext) => FactsResult;

/**
 * What the collections entries read from a step, memoised for one registry instance: the facts validated once per
 * facts object, the offer slot parsed once per offer object, the debtor's calendar day, and the Intl cache.
 */
export interface StepReader {
  facts: FactsReader;
  /** The offer on the table (slots.offer), undefined when absent or malformed. */
  offer(ctx: StepContext): Offer | undefined;
  /** The debtor's calendar day at ctx.now (localDate, cached). */
  today(ctx: StepContext): string;
  intl: IntlCache;
}

/** Builds a reader that validates ctx.facts with collectionsFactsSchema, memoised per facts object. Pure. */
export function createFactsReader(): FactsReader {
  // Keyed by the facts object: the service builds facts once per message and never mutates them.
  const cache = new WeakMap<object, FactsResult>();
  return (ctx) => {
    const hit = cache.get(ctx.facts);
    if (hit) return hit;
    const parsed = collectionsFactsSchema.safeParse(ctx.facts);
    const result: FactsResult = parsed.success
      ? { ok: true, facts: parsed.data }
      : { ok: false, effect: { type: 'audit', code: 'COLLECTIONS.FACTS_INVALID', data: { paths: parsed.error.issues.map((i) => i.path.join('.')) } } };
    cache.set(ctx.facts, result);
    return result;
  };
}

/** Builds the step reader one registry instance uses (its own facts/offer memo and Intl cache). Pure. */
export function createStepReader(): StepReader {
  // Offers are replaced, never mutated, in slots (actions return new objects), so the object is a safe key.
  const offers = new WeakMap<object, Offer | undefined>();
  const intl = createIntlCache();
  return {
    facts: createFactsReader(),
    offer: (ctx) => {
      const value = ctx.session.slots.offer;
      if (typeof value !== 'object' || value === null) return undefined;
      if (offers.has(value)) return offers.get(value);
      const parsed = offerSchema.safeParse(value);
      const offer = parsed.success ? parsed.data : undefined;
      offers.set(value, offer);
      return offer;
    },
    today: (ctx) => localDate(ctx.now, ctx.timeZone, intl),
    intl,
  };
}

/** The session slots the collections entries use, each dropped when malformed. Pure. */
export function readSlots(ctx: StepContext): CollectionsSlots {
  return slotsSchema.parse(ctx.session.slots);
}

/** One slot the collections entries use, undefined when absent or malformed (cheaper than readSlots). Pure. */
export function readSlot<K extends SlotName>(ctx: StepContext, key: K): SlotValues[K] {
  return slotFields[key].parse(ctx.session.slots[key]);
}

/** Largest bare number read as a count of installments rather than an amount (five years of monthly payments). */
const MAX_BARE_COUNT = 60;
const BARE_NUMBER = /^\s*(\d{1,2})\s*$/;

/**
 * A message that is only a small whole number ("3") while negotiating a plan: the NLU reads it as an amount
 * (3 pesos), but as an answer about installments it is a count. Undefined for anything else. Pure.
 */
export function readBareCount(ctx: StepContext): number | undefined {
  if (ctx.event.kind !== 'message' || ctx.event.entities.count !== undefined) return undefined;
  const match = BARE_NUMBER.exec(ctx.event.text);
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
  const e = ctx.event.kind === 'message' ? ctx.event.entities : {};
  const bareCount = kind === 'plan' ? readBareCount(ctx) : undefined;
  const fresh = kind === 'plan' && (bareCount !== undefined || e.amount !== undefined || e.count !== undefined || e.frequency !== undefined || e.date !== undefined);
  const earlier = <K extends 'amount' | 'count' | 'frequency' | 'date' | 'downPayment'>(key: K): SlotValues[K] | undefined => (fresh ? undefined : readSlot(ctx, key));
  const request: NegotiationRequest = { kind };
  const amount = bareCount === undefined ? (e.amount ?? earlier('amount')) : undefined;
  if (amount) request.amount = amount;
  const count = bareCount ?? e.count ?? earlier('count');
  if (count !== undefined) request.count = count;
  const frequency = e.frequency ?? earlier('frequency');
  if (frequency) request.frequency = frequency;
  const date = e.date ?? earlier('date');
  if (date) request.date = date;
  const downPayment = earlier('downPayment');
  if (downPayment) request.downPayment = downPayment;
  return request;
}

/** The verification answer: the current message's identifier entity, else the `identifier` slot. Pure. */
export function readIdentifier(ctx: StepContext): string | undefined {
  if (ctx.event.kind === 'message' && ctx.event.entities.identifier) return ctx.event.entities.identifier;
  return readSlot(ctx, 'identifier');
}
