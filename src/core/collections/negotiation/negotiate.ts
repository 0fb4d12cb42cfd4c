import { localDate } from '../dates/localDate';
import type { DomainError } from '../result';
import type { ResolvedPolicy } from '../policy/resolvedPolicy';
import { listOfferViolations } from './listOfferViolations';
import type { Adjustment, ApprovalRequest, NegotiationAccount, NegotiationRequest, Offer } from './offer';
import { proposePlan } from './proposePlan';
import { proposePromise } from './proposePromise';
import { proposeSettlement } from './proposeSettlement';
import type { Proposal } from './proposal';

export interface NegotiationInput {
  policy: ResolvedPolicy;
  account: NegotiationAccount;
  now: Date;
  /** The debtor's IANA time zone: "today" and every date are on their calendar. */
  timeZone: string;
  request: NegotiationRequest;
  /** Counter-offers the bot already made in this negotiation (kept by the caller, e.g. in a slot). */
  counterOffersMade?: number;
  /** The debtor's calendar day at `now` when the caller already knows it (saves recomputing it per call). */
  today?: string;
}

export type NegotiationResult =
  | { ok: true; offer: Offer; adjustments: Adjustment[]; /** true when the offer differs from the request. */ counterOffer: boolean }
  | { ok: false; error: DomainError; approvalRequest?: ApprovalRequest };

function approval(input: NegotiationInput, proposal: Proposal, counter: Offer | null): ApprovalRequest {
  const { policy } = input;
  return {
    kind: input.request.kind,
    reason: proposal.violations[0]?.code ?? 'OUTSIDE_POLICY',
    violations: proposal.violations,
    requested: input.request,
    counterProposal: counter,
    balance: { ...input.account.balance },
    policy: { policyId: policy.policyId, portfolioId: policy.portfolioId, ruleId: policy.ruleId },
    requestedAt: input.now.toISOString(),
  };
}

function propose(input: NegotiationInput, today: string): Proposal {
  const { request, policy, account } = input;
  if (request.kind === 'settlement') return proposeSettlement(request, policy, account, today);
  if (request.kind === 'promise') return proposePromise(request, policy, account, today);
  return proposePlan(request, policy, account, today);
}

/**
 * Answers what the debtor asked for (a plan, a settlement or a promise) with the closest offer INSIDE the policy:
 * the request itself when it fits, else a counter-offer (see proposePlan / proposeSettlement / proposePromise),
 * while fewer than policy.maxCounterOffers counter-offers were made. When nothing in policy can meet it, or the
 * counter-offers are used up, it returns PLAN.OUTSIDE_POLICY with an approvalRequest for the supervisor queue:
 * such requests are never accepted automatically. Every offer returned passes isWithinPolicy. Other failures:
 * NEGOTIATION.CURRENCY_MISMATCH, PROMISE.DATE_REQUIRED. Pure.
 */
export function negotiate(input: NegotiationInput): NegotiationResult {
  const { request, account, policy } = input;
  const currency = request.amount?.currency ?? request.downPayment?.currency;
  if (currency !== undefined && currency !== account.balance.currency) {
    return { ok: false, error: { code: 'NEGOTIATION.CURRENCY_MISMATCH', message: `amount in ${currency}, account in ${account.balance.currency}` } };
  }
  const today = input.today ?? localDate(input.now, input.timeZone);
  const proposal = propose(input, today);
  if (proposal.violations[0]?.code === 'PROMISE.DATE_REQUIRED') return { ok: false, error: { code: 'PROMISE.DATE_REQUIRED', message: 'ask the debtor for a date' } };
  const offer = proposal.offer;
  const safe = offer !== null && listOfferViolations(offer, policy, account, today).length === 0;
  const counterOffer = proposal.adjustments.length > 0;
  const exhausted = counterOffer && (input.counterOffersMade ?? 0) >= policy.maxCounterOffers;
  if (!safe || exhausted) {
    const message = safe ? 'the request is outside policy and the counter-offers are used up: a supervisor must approve' : 'the request can only be met outside policy: a supervisor must approve';
    return { ok: false, error: { code: 'PLAN.OUTSIDE_POLICY', message }, approvalRequest: approval(input, proposal, safe ? offer : null) };
  }
  return { ok: true, offer, adjustments: proposal.adjustments, counterOffer };
}
