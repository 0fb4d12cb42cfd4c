import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/collections/dates/addPeriod';
import { daysBetween, fromDayNumber } from '../../../src/core/collections/dates/isoDate';
import { calculatePlan } from '../../../src/core/collections/plan/calculatePlan';
import { FREQUENCIES } from '../../../src/core/nlu/intents';
import { cop, copPolicy } from './support';

const today = '2026-11-20';

describe('calculatePlan', () => {
  it('splits the total exactly; the last installment absorbs the remainder', () => {
    const r = calculatePlan({ total: { minor: 100_000_001, currency: 'EUR' }, count: 3, frequency: 'monthly', firstDueDate: '2026-11-30', today }, copPolicy({ currency: 'EUR', installments: { ...copPolicy().installments, minAmount: { minor: 5_000, currency: 'EUR' } } }));
    expect(r.ok && r.value.installments.map((i) => [i.amount.minor, i.dueDate])).toEqual([
      [33_333_333, '2026-11-30'],
      [33_333_333, '2026-12-30'],
      [33_333_335, '2027-01-30'],
    ]);
  });

  it('in a currency shown without decimals (COP) installments are whole pesos; the last absorbs the rest', () => {
    // COP 2.000.000 in 6: not 6 × $333.333,33 (the cents the screen hides would be owed by nobody).
    const r = calculatePlan({ total: cop(200_000_000), count: 6, frequency: 'monthly', firstDueDate: '2026-11-30', today }, copPolicy());
    const amounts = r.ok ? r.value.installments.map((i) => i.amount.minor) : [];
    expect(amounts).toEqual([33_333_300, 33_333_300, 33_333_300, 33_333_300, 33_333_300, 33_333_500]);
    expect(amounts.every((a) => a % 100 === 0)).toBe(true);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(200_000_000);
  });

  it('keeps the day of month clamped at month end, and spaces weekly and biweekly plans', () => {
    const policy = copPolicy({ installments: { ...copPolicy().installments, firstPaymentWithinDays: 90 } });
    const monthly = calculatePlan({ total: cop(40_000_000), count: 4, frequency: 'monthly', firstDueDate: '2027-01-31', today: '2026-12-01' }, policy);
    expect(monthly.ok && monthly.value.installments.map((i) => i.dueDate)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    const biweekly = calculatePlan({ total: cop(20_000_000), downPayment: cop(5_000_000), count: 2, frequency: 'biweekly', firstDueDate: '2026-11-25', today }, policy);
    expect(biweekly.ok && biweekly.value.installments.map((i) => [i.kind, i.amount.minor, i.dueDate])).toEqual([
      ['down_payment', 5_000_000, '2026-11-25'],
      ['installment', 7_500_000, '2026-12-09'],
      ['installment', 7_500_000, '2026-12-23'],
    ]);
  });

  it('refuses plans outside policy with a stable code', () => {
    const code = (input: Partial<Parameters<typeof calculatePlan>[0]>) => {
      const r = calculatePlan({ total: cop(30_000_000), count: 3, frequency: 'monthly', firstDueDate: '2026-11-25', today, ...input }, copPolicy({ installments: { ...copPolicy().installments, minDownPaymentBp: 0 } }));
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code({})).toBe('ok');
    expect(code({ count: 7 })).toBe('PLAN.TOO_MANY_INSTALLMENTS');
    expect(code({ total: cop(10_000_000) })).toBe('PLAN.BELOW_MIN_INSTALLMENT');
    expect(code({ firstDueDate: '2026-12-25' })).toBe('PLAN.FIRST_PAYMENT_TOO_LATE');
    expect(code({ firstDueDate: '2026-11-19' })).toBe('PLAN.DATE_IN_PAST');
    expect(code({ count: 6, frequency: 'monthly', total: cop(60_000_000), firstDueDate: '2026-11-30' })).toBe('ok');
    const strict = calculatePlan({ total: cop(30_000_000), count: 3, frequency: 'monthly', firstDueDate: '2026-11-25', today }, copPolicy({ installments: { ...copPolicy().installments, minDownPaymentBp: 1_000, maxPlanDays: 30 } }));
    expect(!strict.ok && strict.error.code).toBe('PLAN.DOWN_PAYMENT_TOO_LOW');
    expect(!strict.ok && strict.error.message).toMatch(/within 30 days/);
  });

  it('every plan it accepts sums to the total, meets the minimum, and stays inside the plan window (property)', () => {
    const policyArb = fc.record({
      maxCount: fc.integer({ min: 1, max: 24 }),
      minAmount: fc.integer({ min: 1, max: 10_000_000 }),
      maxPlanDays: fc.integer({ min: 30, max: 800 }),
      firstPaymentWithinDays: fc.integer({ min: 0, max: 30 }),
      minDownPaymentBp: fc.integer({ min: 0, max: 5_000 }),
    });
    let accepted = 0;
    fc.assert(
      fc.property(
        policyArb,
        // Totals around what the policy can split (count × minimum plus some), so most draws reach the checks.
        fc.integer({ min: 0, max: 1e10 }),
        // Down payment as a share of the total (basis points), so it is sometimes below, inside and above policy.
        fc.integer({ min: 0, max: 6_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(...FREQUENCIES),
        fc.integer({ min: 20_000, max: 22_000 }),
        fc.integer({ min: -5, max: 40 }),
        (p, extra, downBp, count, frequency, todayNumber, firstOffset) => {
          const total = p.minAmount * Math.min(count, p.maxCount) + extra;
          const down = Math.floor((total * downBp) / 10_000);
          const policy = copPolicy({ installments: { ...copPolicy().installments, ...p, minAmount: cop(p.minAmount) } });
          const day = fromDayNumber(todayNumber);
          const firstDueDate = addDays(day, firstOffset);
          const r = calculatePlan({ total: cop(total), downPayment: down > 0 ? cop(down) : null, count, frequency, firstDueDate, today: day }, policy);
          if (!r.ok) return;
          accepted += 1;
          const items = r.value.installments;
          expect(items.reduce((s, i) => s + i.amount.minor, 0)).toBe(total);
          for (const [k, item] of items.entries()) {
            expect(Number.isSafeInteger(item.amount.minor)).toBe(true);
            if (item.kind === 'installment') expect(item.amount.minor).toBeGreaterThanOrEqual(p.minAmount);
            expect(daysBetween(day, item.dueDate)).toBeGreaterThanOrEqual(0);
            expect(daysBetween(day, item.dueDate)).toBeLessThanOrEqual(p.maxPlanDays);
            if (k > 0) expect(daysBetween(items[k - 1]?.dueDate ?? '', item.dueDate)).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 2_000 },
    );
    expect(accepted).toBeGreaterThan(50);
  });
});
