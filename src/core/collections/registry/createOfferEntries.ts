import type { ActionDef, ActionResult, Guard, StepContext } from '../../engine/types';
import { addDays } from '../dates/addPeriod';
import { listOfferViolations } from '../negotiation/listOfferViolations';
import { nextOffer } from '../negotiation/nextOffer';
import type { Offer } from '../negotiation/offer';
import { readBareCount, readSlot, type StepReader } from './readStep';
import { summarizeOffer } from './summarizeOffer';

const REQUEST_SLOTS = ['amount', 'count', 'frequency', 'date', 'downPayment', 'offerIndex'] as const;

function offerKindIs(reader: StepReader, kind: Offer['kind']): Guard {
  return (ctx) => reader.offer(ctx)?.kind === kind;
}

function propose(reader: StepReader, ctx: StepContext, offer: Offer, index?: number): ActionResult {
  const slots: Record<string, unknown> = { offer, offerSummary: summarizeOffer(offer, ctx.session.locale, reader.intl), outcome: 'proposed' };
  if (index !== undefined) slots.offerIndex = index;
  return { slots, effects: [{ type: 'propose_plan', plan: { ...offer } }] };
}

/**
 * Guards and actions around the offer on the table: which kind it is (`offer_is_plan`, `offer_is_settlement`,
 * `offer_is_full_payment`, `offer_is_promise`), whether it was a counter-offer (`is_counter_offer`), whether it is
 * still inside policy today (`offer_still_valid`: checked before accepting, since a day may have passed), and
 * whether the message names plan terms (`has_plan_terms`). Actions: `make_alternative_offer` (the next offer in
 * the policy's order that is not a full payment nor of the kind just declined, for a debtor who cannot pay in full), `offer_full_payment`,
 * `forget_request` (the amount/count/frequency/date slots and the position in the offer order) and `clear_approval` (after a supervisor decision).
 * Pure.
 */
export function createOfferEntries(reader: StepReader): { guards: Record<string, Guard>; actions: Record<string, ActionDef> } {
  const read = reader.facts;
  return {
    guards: {
      offer_is_plan: offerKindIs(reader, 'plan'),
      offer_is_settlement: offerKindIs(reader, 'settlement'),
      offer_is_full_payment: offerKindIs(reader, 'full_payment'),
      offer_is_promise: offerKindIs(reader, 'promise'),
      is_counter_offer: (ctx) => ctx.session.slots.outcome === 'counter_offer',
      offer_still_valid: (ctx) => {
        const facts = read(ctx);
        const offer = reader.offer(ctx);
        return facts.ok && offer !== undefined && listOfferViolations(offer, facts.facts.policy, facts.facts.account, reader.today(ctx)).length === 0;
      },
      has_plan_terms: (ctx) => {
        if (ctx.event.kind !== 'message') return false;
        const e = ctx.event.entities;
        return e.count !== undefined || e.amount !== undefined || e.frequency !== undefined || e.date !== undefined || readBareCount(ctx) !== undefined;
      },
    },
    actions: {
      make_alternative_offer: {
        writes: ['offer', 'offerSummary', 'offerIndex', 'outcome'],
        run: (ctx) => {
          const facts = read(ctx);
          if (!facts.ok) return { effects: [facts.effect] };
          const today = reader.today(ctx);
          // The offer on the table was just turned down: the alternative is of another kind.
          const declined = reader.offer(ctx)?.kind;
          for (let index = readSlot(ctx, 'offerIndex') ?? 0; ; index += 1) {
            const offer = nextOffer(facts.facts.policy, facts.facts.account, today, index);
            if (!offer) return { slots: { offer: null, offerSummary: null, offerIndex: index, outcome: 'no_more_offers' }, effects: [{ type: 'audit', code: 'NEGOTIATION.NO_MORE_OFFERS' }] };
            if (offer.kind !== 'full_payment' && offer.kind !== declined) return propose(reader, ctx, offer, index + 1);
          }
        },
      },
      offer_full_payment: {
        writes: ['offer', 'offerSummary', 'outcome'],
        run: (ctx) => {
          const facts = read(ctx);
          if (!facts.ok) return { effects: [facts.effect] };
          const { policy, account } = facts.facts;
          return propose(reader, ctx, { kind: 'full_payment', amount: { ...account.balance }, payBy: addDays(reader.today(ctx), policy.settlement.payWithinDays) });
        },
      },
      forget_request: { writes: [], run: () => ({ slots: Object.fromEntries(REQUEST_SLOTS.map((k) => [k, undefined])) }) },
      clear_approval: { writes: [], run: () => ({ slots: { approvalPending: undefined, outcome: undefined } }) },
    },
  };
}
