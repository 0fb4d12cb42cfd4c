import type { ActionDef, ActionResult, Effect, Guard, StepContext } from '../../engine/types';
import { isSameJson } from '../../json/isSameJson';
import { listOfferViolations } from '../negotiation/listOfferViolations';
import { negotiate } from '../negotiation/negotiate';
import { nextOffer } from '../negotiation/nextOffer';
import { splitPaymentRequest } from '../negotiation/splitPaymentRequest';
import type { Adjustment, NegotiationRequest, Offer } from '../negotiation/offer';
import type { CollectionsFacts } from './collectionsFacts';
import { readBareCount, readRequest, readSlot, type FactsReader, type StepReader } from './readStep';
import { summarizeOffer } from './summarizeOffer';

const OFFER_SLOTS = ['offer', 'offerSummary', 'counterOffers', 'approvalPending', 'outcome', 'counterCode', 'askedInstallment'] as const;

/** Adjustment codes of a date the policy moved (past, too far, outside the window). */
const DATE_MOVED_RE = /DATE_IN_PAST|TOO_FAR|TOO_LATE|OUTSIDE_WINDOW/;

/** Why a counter-offer differs from what was asked, by the first adjustment's code (templates say it plainly). */
const COUNTER_REASONS: ReadonlyArray<[string, (code: string) => boolean]> = [
  ['counter_min_installment', (c) => c === 'PLAN.BELOW_MIN_INSTALLMENT'],
  ['counter_plan_cap', (c) => c === 'PLAN.TOO_MANY_INSTALLMENTS' || c === 'PLAN.TOO_LONG'],
  ['counter_frequency', (c) => c === 'PLAN.FREQUENCY_CHANGED' || c === 'PLAN.FREQUENCY_NOT_ALLOWED'],
  ['counter_date', (c) => DATE_MOVED_RE.test(c)],
  ['counter_discount', (c) => c === 'SETTLEMENT.DISCOUNT_TOO_HIGH'],
];

/** The kind of request a message makes against the offer on the table (see the flows' offer states). */
function requestKindAgainst(offer: Offer | undefined, intent: string): NegotiationRequest['kind'] {
  if (offer?.kind === 'plan' || intent === 'request_plan') return 'plan';
  if (offer?.kind === 'promise' || intent === 'promise_to_pay') return 'promise';
  return 'settlement';
}

function proposeEffect(offer: Offer): Effect {
  return { type: 'propose_plan', plan: { ...offer } };
}

function withFacts(read: FactsReader, ctx: StepContext, run: (facts: CollectionsFacts) => ActionResult): ActionResult {
  const parsed = read(ctx);
  return parsed.ok ? run(parsed.facts) : { effects: [parsed.effect] };
}

/** The request, keeping the amount of a promise on the table when only its date is being changed ("el 30, no el 15"). */
function requestAgainst(reader: StepReader, ctx: StepContext, kind: NegotiationRequest['kind']): NegotiationRequest {
  const request = readRequest(ctx, kind);
  const current = reader.offer(ctx);
  if (kind === 'promise' && request.amount === undefined && current?.kind === 'promise') request.amount = current.amount;
  return request;
}


/**
 * The adjustments the policy made when what the message asks gives back the offer already on the table (so the bot
 * says so instead of repeating it); undefined when it asks nothing or gets something else. Pure.
 */
function repeatedBy(reader: StepReader, ctx: StepContext): Adjustment[] | undefined {
  const p = reader.facts(ctx);
  const current = reader.offer(ctx);
  if (!p.ok || current === undefined || ctx.event.kind !== 'message') return undefined;
  const e = ctx.event.entities;
  if (e.amount === undefined && e.date === undefined && e.count === undefined && e.frequency === undefined && readBareCount(ctx) === undefined) return undefined;
  const request = requestAgainst(reader, ctx, requestKindAgainst(current, ctx.event.intent));
  const result = negotiate({ policy: p.facts.policy, account: p.facts.account, now: ctx.now, timeZone: ctx.timeZone, today: reader.today(ctx), request, counterOffersMade: readSlot(ctx, 'counterOffers') ?? 0 });
  return result.ok && isSameJson(result.offer, current) ? result.adjustments : undefined;
}

/**
 * The per-installment amount the debtor asked for when the plan evens the balance out into equal installments under
 * it ("200 every two weeks" on 1,250 is 7 × 178.57, not 6 × 200 and a last 50), so the bot can say how and why the
 * offer differs; undefined when the installments are what was asked or no amount was asked. Pure.
 */
function evenedFrom(request: NegotiationRequest, offer: Offer): NegotiationRequest['amount'] {
  if (request.kind !== 'plan' || request.amount === undefined || request.count !== undefined || offer.kind !== 'plan') return undefined;
  const regular = offer.plan.installments.find((i) => i.kind === 'installment');
  if (regular === undefined || regular.amount.minor === request.amount.minor) return undefined;
  return { minor: request.amount.minor, currency: regular.amount.currency };
}

function runNegotiation(reader: StepReader, ctx: StepContext, facts: CollectionsFacts, kind: NegotiationRequest['kind'], asked?: NegotiationRequest): ActionResult {
  const counterOffers = readSlot(ctx, 'counterOffers') ?? 0;
  const request = asked ?? requestAgainst(reader, ctx, kind);
  const result = negotiate({ policy: facts.policy, account: facts.account, now: ctx.now, timeZone: ctx.timeZone, today: reader.today(ctx), request, counterOffersMade: counterOffers });
  if (!result.ok) {
    if (!result.approvalRequest) return { slots: { outcome: result.error.code, offer: null, offerSummary: null }, effects: [{ type: 'audit', code: result.error.code }] };
    return { slots: { outcome: 'approval_requested', approvalPending: true, offer: null, offerSummary: null }, effects: [{ type: 'request_approval', request: { accountId: facts.account.id, ...result.approvalRequest } }] };
  }
  return {
    slots: {
      offer: result.offer, offerSummary: summarizeOffer(result.offer, ctx.session.locale, reader.intl), counterOffers: counterOffers + (result.counterOffer ? 1 : 0),
      outcome: result.counterOffer ? 'counter_offer' : 'proposed', counterCode: result.counterOffer ? result.adjustments[0]?.code : undefined,
      askedInstallment: result.counterOffer ? undefined : evenedFrom(request, result.offer),
    },
    effects: [proposeEffect(result.offer), { type: 'audit', code: result.counterOffer ? 'NEGOTIATION.COUNTER_OFFER' : 'NEGOTIATION.PROPOSED', data: { codes: result.adjustments.map((a) => a.code) } }],
  };
}

/**
 * "La mitad ahora y la otra mitad a fin de mes": the plan of half today and half one period later that falls closest
 * to the date named (splitPaymentRequest), negotiated like any plan; when the second date cannot be the one asked, it
 * is a counter-offer that says so (counter_date).
 */
function runSplitNegotiation(reader: StepReader, ctx: StepContext, facts: CollectionsFacts): ActionResult {
  const date = ctx.event.kind === 'message' ? ctx.event.entities.date : undefined;
  const today = reader.today(ctx);
  const split = splitPaymentRequest(facts.account.balance.minor, today, date, facts.policy.installments.frequencies);
  const result = runNegotiation(reader, ctx, facts, 'plan', split.request);
  if (!split.secondDateMoved || result.slots?.outcome !== 'proposed') return result;
  const counterOffers = (readSlot(ctx, 'counterOffers') ?? 0) + 1;
  return { ...result, slots: { ...result.slots, outcome: 'counter_offer', counterCode: 'PLAN.SECOND_DATE_OUTSIDE_WINDOW', counterOffers } };
}

function acceptOffer(reader: StepReader, ctx: StepContext, facts: CollectionsFacts): ActionResult {
  const offer = reader.offer(ctx);
  if (!offer) return { effects: [{ type: 'audit', code: 'NEGOTIATION.NO_OFFER' }] };
  const violations = listOfferViolations(offer, facts.policy, facts.account, reader.today(ctx));
  if (violations.length > 0) {
    // Something changed since it was proposed (a payment, a new day): never accept outside policy.
    const request = { accountId: facts.account.id, reason: violations[0]?.code, violations, counterProposal: offer, requestedAt: ctx.now.toISOString() };
    return { slots: { approvalPending: true, outcome: 'approval_requested' }, effects: [{ type: 'request_approval', request }] };
  }
  const effect: Effect = offer.kind === 'promise' ? { type: 'record_promise', amount: offer.amount, date: offer.date } : { type: 'accept_plan', plan: { ...offer, accountId: facts.account.id } };
  return { slots: { offer: null, acceptedOffer: summarizeOffer(offer, ctx.session.locale, reader.intl), outcome: 'accepted', arrangementCancelled: undefined }, effects: [effect] };
}

/**
 * Negotiation guards and actions over facts.policy + facts.account and the debtor's amount/count/frequency/date
 * (message entities, then slots). Actions set slots.offer / slots.offerSummary and emit propose_plan (payload: the
 * Offer, any kind), accept_plan, record_promise or request_approval. Pure.
 */
export function createNegotiationEntries(reader: StepReader): { guards: Record<string, Guard>; actions: Record<string, ActionDef> } {
  const read = reader.facts;
  const policyOffers = (ctx: StepContext, kind: 'settlement' | 'installments'): boolean => {
    const parsed = read(ctx);
    return parsed.ok && parsed.facts.policy.offers.includes(kind) && (kind !== 'settlement' || parsed.facts.policy.settlement.maxDiscountBp > 0);
  };
  return {
    guards: {
      has_offer: (ctx) => reader.offer(ctx) !== undefined,
      approval_pending: (ctx) => ctx.session.slots.approvalPending === true,
      settlement_available: (ctx) => policyOffers(ctx, 'settlement'),
      installments_available: (ctx) => policyOffers(ctx, 'installments'),
      has_active_promise: (ctx) => { const p = read(ctx); return p.ok && !!p.facts.account.activePromise; },
      has_active_plan: (ctx) => { const p = read(ctx); return p.ok && !!p.facts.account.activePlan; },
      has_payment_link: (ctx) => { const p = read(ctx); return p.ok && p.facts.paymentLink !== undefined; },
      // What the message asks would give back the offer already on the table: say so instead of repeating it.
      repeats_offer: (ctx) => repeatedBy(reader, ctx) !== undefined,
      // …and only because the date asked is outside the policy's window ("el 30, que es cuando me pagan"): say why.
      repeats_offer_moved_date: (ctx) => repeatedBy(reader, ctx)?.some((a) => a.field === 'date' && DATE_MOVED_RE.test(a.code)) === true,
      // The plan just proposed evens out the per-installment amount this very message asked for (see evenedFrom).
      installments_evened: (ctx) => {
        const asked = ctx.session.slots.askedInstallment;
        const minor = typeof asked === 'object' && asked !== null ? Reflect.get(asked, 'minor') : undefined;
        return ctx.session.slots.outcome === 'proposed' && ctx.event.kind === 'message' && minor !== undefined && ctx.event.entities.amount?.minor === minor;
      },
      ...Object.fromEntries(COUNTER_REASONS.map(([name, test]) => [name, (ctx: StepContext) => typeof ctx.session.slots.counterCode === 'string' && test(ctx.session.slots.counterCode)])),
    },
    actions: {
      negotiate_plan: { writes: OFFER_SLOTS, run: (ctx) => withFacts(read, ctx, (facts) => runNegotiation(reader, ctx, facts, 'plan')) },
      negotiate_split_plan: { writes: OFFER_SLOTS, run: (ctx) => withFacts(read, ctx, (facts) => runSplitNegotiation(reader, ctx, facts)) },
      offer_settlement: { writes: OFFER_SLOTS, run: (ctx) => withFacts(read, ctx, (facts) => runNegotiation(reader, ctx, facts, 'settlement')) },
      propose_promise: { writes: OFFER_SLOTS, run: (ctx) => withFacts(read, ctx, (facts) => runNegotiation(reader, ctx, facts, 'promise')) },
      make_next_offer: {
        writes: ['offer', 'offerSummary', 'offerIndex', 'outcome', 'askedInstallment'],
        run: (ctx) => withFacts(read, ctx, (facts) => {
          const index = readSlot(ctx, 'offerIndex') ?? 0;
          const offer = nextOffer(facts.policy, facts.account, reader.today(ctx), index);
          if (!offer) return { slots: { offer: null, offerSummary: null, outcome: 'no_more_offers' }, effects: [{ type: 'audit', code: 'NEGOTIATION.NO_MORE_OFFERS' }] };
          return { slots: { offer, offerSummary: summarizeOffer(offer, ctx.session.locale, reader.intl), offerIndex: index + 1, outcome: 'proposed', askedInstallment: undefined }, effects: [proposeEffect(offer)] };
        }),
      },
      // A request that gives back the offer on the table counts as a counter-offer: insisting ends in approval.
      note_repeated_offer: { writes: ['counterOffers'], run: (ctx) => ({ slots: { counterOffers: (readSlot(ctx, 'counterOffers') ?? 0) + 1 }, effects: [{ type: 'audit', code: 'NEGOTIATION.SAME_OFFER' }] }) },
      accept_offer: { writes: ['offer', 'acceptedOffer', 'approvalPending', 'outcome'], run: (ctx) => withFacts(read, ctx, (facts) => acceptOffer(reader, ctx, facts)) },
      request_approval: {
        writes: ['approvalPending', 'outcome'],
        run: (ctx) => withFacts(read, ctx, (facts) => ({
          slots: { approvalPending: true, outcome: 'approval_requested' },
          effects: [{ type: 'request_approval', request: { accountId: facts.account.id, reason: 'DEBTOR_ASKED', requested: readRequest(ctx, 'plan'), counterProposal: ctx.session.slots.offer ?? null, requestedAt: ctx.now.toISOString() } }],
        })),
      },
      use_payment_link: {
        writes: ['paymentLink'],
        run: (ctx) => withFacts(read, ctx, (facts) => (facts.paymentLink ? { slots: { paymentLink: facts.paymentLink.url } } : { effects: [{ type: 'audit', code: 'PAYMENT_LINK.MISSING' }] })),
      },
      clear_negotiation: {
        writes: ['offer', 'offerSummary', 'counterOffers', 'offerIndex', 'approvalPending', 'outcome', 'amount', 'count', 'frequency', 'date'],
        run: () => ({ slots: { offer: undefined, offerSummary: undefined, counterOffers: undefined, offerIndex: undefined, approvalPending: undefined, outcome: undefined, amount: undefined, count: undefined, frequency: undefined, date: undefined } }),
      },
    },
  };
}
