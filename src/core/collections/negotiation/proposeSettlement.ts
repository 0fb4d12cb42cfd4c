import { clampRequestedDate } from './clampRequestedDate';
import { maxDiscount } from './maxDiscount';
import type { NegotiationAccount, NegotiationRequest, Offer } from './offer';
import type { Proposal } from './proposal';
import type { ResolvedPolicy } from '../policy/resolvedPolicy';

/**
 * The closest settlement inside policy to what the debtor offered: their amount raised to the smallest allowed
 * (balance minus the discount ceiling), their date moved into the pay-by window (default: the window's last day).
 * With no amount, the best allowed discount. An amount of the whole balance or more becomes a full payment.
 * Without settlements in the policy, nothing below the balance is in policy. Pure.
 */
export function proposeSettlement(request: NegotiationRequest, policy: ResolvedPolicy, account: NegotiationAccount, today: string): Proposal {
  const balance = account.balance;
  const when = clampRequestedDate(request.date, today, policy.settlement.payWithinDays, { past: 'SETTLEMENT.DATE_IN_PAST', late: 'SETTLEMENT.PAY_BY_OUTSIDE_WINDOW' }, `pay by must be between today and ${policy.settlement.payWithinDays} days from today`);
  const { adjustments, violations } = when;
  const asked = request.amount?.minor;
  if (asked !== undefined && asked >= balance.minor) {
    const offer: Offer = { kind: 'full_payment', amount: { ...balance }, payBy: when.date };
    return { offer, adjustments, violations };
  }
  if (!policy.offers.includes('settlement')) {
    violations.unshift({ code: 'SETTLEMENT.NOT_OFFERED', message: 'this policy does not offer settlements' });
    return { offer: null, adjustments, violations };
  }
  const floor = balance.minor - maxDiscount(balance, policy).minor;
  let amount = asked ?? floor;
  if (amount < floor) {
    adjustments.push({ field: 'amount', code: 'SETTLEMENT.DISCOUNT_TOO_HIGH', requested: asked, offered: floor });
    violations.push({ code: 'SETTLEMENT.DISCOUNT_TOO_HIGH', message: `the smallest settlement allowed is ${floor} minor units` });
    amount = floor;
  }
  const discount = balance.minor - amount;
  const discountBp = Number((BigInt(discount) * 10_000n) / BigInt(balance.minor));
  const offer: Offer = { kind: 'settlement', amount: { minor: amount, currency: balance.currency }, discount: { minor: discount, currency: balance.currency }, discountBp, payBy: when.date };
  return { offer, adjustments, violations };
}
