import type { ResolvedPolicy } from '../../../src/core/collections/policy/resolvedPolicy';

/** A resolved COP policy like the default file's `early` bucket, with overrides for a test. */
export function copPolicy(overrides: Partial<ResolvedPolicy> = {}): ResolvedPolicy {
  return {
    policyId: 'default',
    portfolioId: 'default',
    ruleId: 'early',
    currency: 'COP',
    offers: ['full_payment', 'settlement', 'installments'],
    maxCounterOffers: 2,
    settlement: { maxDiscountBp: 1_000, payWithinDays: 5 },
    installments: {
      minDownPaymentBp: 0,
      maxCount: 6,
      minAmount: { minor: 5_000_000, currency: 'COP' },
      frequencies: ['weekly', 'biweekly', 'monthly'],
      maxPlanDays: 190,
      firstPaymentWithinDays: 10,
    },
    promise: { maxDays: 15, graceDays: 2 },
    ...overrides,
  };
}

export const cop = (minor: number) => ({ minor, currency: 'COP' });
