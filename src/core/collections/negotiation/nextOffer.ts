import { addDays } from '../dates/addPeriod';
import type { ResolvedPolicy } from '../policy/resolvedPolicy';
import type { NegotiationAccount, Offer } from './offer';
import { proposePlan } from './proposePlan';
import { proposeSettlement } from './proposeSettlement';

/**
 * The offer the bot makes at position `index` of the policy's offer order (full_payment → settlement →
 * installments, or as configured), with default terms: full payment by the pay-by window, the best allowed
 * settlement, the most affordable plan. A settlement with a 0 % ceiling is the same as a full payment and is
 * skipped. Returns null past the end of the list. Pure.
 */
export function nextOffer(policy: ResolvedPolicy, account: NegotiationAccount, today: string, index: number): Offer | null {
  const offers: Offer[] = [];
  for (const kind of policy.offers) {
    if (kind === 'full_payment') offers.push({ kind: 'full_payment', amount: { ...account.balance }, payBy: addDays(today, policy.settlement.payWithinDays) });
    if (kind === 'settlement' && policy.settlement.maxDiscountBp > 0) {
      const settlement = proposeSettlement({ kind: 'settlement' }, policy, account, today).offer;
      if (settlement?.kind === 'settlement') offers.push(settlement);
    }
    if (kind === 'installments') {
      const plan = proposePlan({ kind: 'plan' }, policy, account, today).offer;
      if (plan?.kind === 'plan') offers.push(plan);
    }
  }
  return offers[index] ?? null;
}
