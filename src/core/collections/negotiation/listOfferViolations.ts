import { addDays } from '../dates/addPeriod';
import { daysBetween } from '../dates/isoDate';
import { listPlanViolations } from '../plan/listPlanViolations';
import type { Violation } from '../plan/plan';
import type { ResolvedPolicy } from '../policy/resolvedPolicy';
import { maxDiscount } from './maxDiscount';
import type { NegotiationAccount, Offer } from './offer';

function inWindow(date: string, today: string, days: number): boolean {
  return daysBetween(today, date) >= 0 && daysBetween(date, addDays(today, days)) >= 0;
}

function settlementViolations(offer: Extract<Offer, { kind: 'settlement' }>, policy: ResolvedPolicy, account: NegotiationAccount, today: string): Violation[] {
  const v: Violation[] = [];
  const balance = account.balance.minor;
  if (!policy.offers.includes('settlement')) v.push({ code: 'SETTLEMENT.NOT_OFFERED', message: 'this policy does not offer settlements' });
  if (offer.amount.minor < balance - maxDiscount(account.balance, policy).minor) v.push({ code: 'SETTLEMENT.DISCOUNT_TOO_HIGH', message: `the discount exceeds ${policy.settlement.maxDiscountBp} bp` });
  if (offer.amount.minor <= 0 || offer.amount.minor > balance) v.push({ code: 'SETTLEMENT.INVALID_AMOUNT', message: 'a settlement is more than zero and at most the balance' });
  if (offer.discount.minor !== balance - offer.amount.minor || offer.discountBp > policy.settlement.maxDiscountBp) v.push({ code: 'SETTLEMENT.INCONSISTENT', message: 'discount does not match amount and balance' });
  if (!inWindow(offer.payBy, today, policy.settlement.payWithinDays)) v.push({ code: 'SETTLEMENT.PAY_BY_OUTSIDE_WINDOW', message: `pay by must be within ${policy.settlement.payWithinDays} days from today` });
  return v;
}

/**
 * Every way an offer (full payment, settlement, plan or promise) breaks the policy for this account as of `today`
 * (the debtor's calendar date). Currencies must match the policy's. Empty when within policy. Pure.
 */
export function listOfferViolations(offer: Offer, policy: ResolvedPolicy, account: NegotiationAccount, today: string): Violation[] {
  const currency = offer.kind === 'plan' ? offer.plan.total.currency : offer.amount.currency;
  const mismatch = currency !== policy.currency || account.balance.currency !== policy.currency;
  const base: Violation[] = mismatch ? [{ code: 'OFFER.CURRENCY_MISMATCH', message: `offer in ${currency}, policy in ${policy.currency}` }] : [];
  const balance = account.balance.minor;
  switch (offer.kind) {
    case 'full_payment':
      if (offer.amount.minor !== balance) base.push({ code: 'FULL_PAYMENT.AMOUNT_MISMATCH', message: 'a full payment is the whole balance' });
      if (!inWindow(offer.payBy, today, policy.settlement.payWithinDays)) base.push({ code: 'FULL_PAYMENT.PAY_BY_OUTSIDE_WINDOW', message: `pay by must be within ${policy.settlement.payWithinDays} days` });
      return base;
    case 'settlement':
      return [...base, ...settlementViolations(offer, policy, account, today)];
    case 'plan': {
      const v = listPlanViolations(offer.plan, policy, today);
      if (offer.plan.total.minor !== balance) v.push({ code: 'PLAN.TOTAL_MISMATCH', message: 'a plan pays the whole balance' });
      return [...base, ...v];
    }
    case 'promise':
      if (offer.amount.minor <= 0 || offer.amount.minor > balance) base.push({ code: 'PROMISE.INVALID_AMOUNT', message: 'a promise is more than zero and at most the balance' });
      if (!inWindow(offer.date, today, policy.promise.maxDays)) base.push({ code: 'PROMISE.TOO_FAR', message: `a promise must fall within ${policy.promise.maxDays} days from today` });
      return base;
  }
}

