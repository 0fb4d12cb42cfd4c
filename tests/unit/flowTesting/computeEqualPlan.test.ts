import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeEqualPlan } from '../../../src/demo/computeEqualPlan';

const base = { maxInstallments: 12, minInstallment: { minor: 1_000, currency: 'USD' }, firstDueDate: '2026-01-31', frequency: 'monthly' as const };

describe('computeEqualPlan', () => {
  it('splits exactly: installments add up to the balance and only the last absorbs the remainder', () => {
    fc.assert(
      fc.property(fc.integer({ min: 24_000, max: 10_000_000 }), fc.integer({ min: 2, max: 12 }), (minor, count) => {
        const result = computeEqualPlan({ ...base, balance: { minor, currency: 'USD' }, count });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const amounts = result.plan.installments.map((i) => i.amount.minor);
        expect(amounts.reduce((a, b) => a + b, 0)).toBe(minor);
        expect(amounts.slice(0, -1).every((a) => a === result.plan.installment.minor)).toBe(true);
        expect(result.plan.last.minor - result.plan.installment.minor).toBeGreaterThanOrEqual(0);
        expect(result.plan.last.minor - result.plan.installment.minor).toBeLessThan(count);
        expect(amounts.every(Number.isInteger)).toBe(true);
      }),
    );
  });

  it('schedules monthly dates clamped to the end of short months', () => {
    const result = computeEqualPlan({ ...base, balance: { minor: 100_000, currency: 'USD' }, count: 3 });
    expect(result.ok && result.plan.installments.map((i) => i.dueDate)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
  });

  it('refuses counts and installments outside the policy with stable codes', () => {
    const balance = { minor: 10_000, currency: 'USD' };
    expect(computeEqualPlan({ ...base, balance, count: 1 })).toMatchObject({ ok: false, error: { code: 'PLAN.INVALID_COUNT' } });
    expect(computeEqualPlan({ ...base, balance, count: 13 })).toMatchObject({ ok: false, error: { code: 'PLAN.ABOVE_MAX_INSTALLMENTS' } });
    expect(computeEqualPlan({ ...base, balance, count: 11 })).toMatchObject({ ok: false, error: { code: 'PLAN.BELOW_MIN_INSTALLMENT' } });
    expect(computeEqualPlan({ ...base, balance: { minor: 10_000, currency: 'EUR' }, count: 2 })).toMatchObject({
      ok: false,
      error: { code: 'PLAN.CURRENCY_MISMATCH' },
    });
  });
});
