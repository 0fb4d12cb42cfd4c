import type { Money } from '../money/money';
import { percentOfMoney } from '../money/percentOfMoney';
import type { ResolvedPolicy } from '../policy/resolvedPolicy';

/**
 * The largest settlement discount the policy allows on a balance: the ceiling in basis points, rounded DOWN so
 * the discount never exceeds the ceiling, and never the whole balance (a settlement pays at least 1 minor unit).
 * Pure.
 */
export function maxDiscount(balance: Money, policy: ResolvedPolicy): Money {
  const ceiling = percentOfMoney(balance, policy.settlement.maxDiscountBp, 'down');
  return { minor: Math.max(0, Math.min(ceiling.minor, balance.minor - 1)), currency: balance.currency };
}
