import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWithinPolicy } from '../../../src/core/collections/negotiation/isWithinPolicy';
import { negotiate } from '../../../src/core/collections/negotiation/negotiate';
import { nextOffer } from '../../../src/core/collections/negotiation/nextOffer';
import type { NegotiationRequest } from '../../../src/core/collections/negotiation/offer';
import type { ResolvedPolicy } from '../../../src/core/collections/policy/resolvedPolicy';
import { FREQUENCIES } from '../../../src/core/nlu/intents';
import { cop, copPolicy } from './support';

const now = new Date('2026-11-20T15:00:00Z'); // 10:00 in Bogotá
const timeZone = 'America/Bogota';
const account = { balance: cop(100_000_000) }; // $1.000.000

describe('negotiate a plan', () => {
  it('reads an amount per installment as a ceiling: the fewest installments at or under it (issue 12, case 13)', () => {
    // CLP 480.000, "50 lucas al mes": 10 × 48.000, not 9 × 53.333.
    const clp = copPolicy({ currency: 'CLP', installments: { ...copPolicy().installments, maxCount: 12, maxPlanDays: 370, minAmount: { minor: 20_000, currency: 'CLP' } } });
    const r = negotiate({ policy: clp, account: { balance: { minor: 480_000, currency: 'CLP' } }, now, timeZone, request: { kind: 'plan', amount: { minor: 50_000 }, frequency: 'monthly' } });
    expect(r.ok && r.counterOffer).toBe(false);
    if (!r.ok || r.offer.kind !== 'plan') throw new Error('expected a plan');
    expect(r.offer.plan.installments.map((i) => i.amount.minor)).toEqual(Array(10).fill(48_000));
  });

  it('offers another frequency when the one asked cannot get under the amount (issue 12, case 8)', () => {
    // $1.000.000, "60 mil cada quincena" in a 100-day plan: the length caps the fortnightly payments well above 60 mil;
    // the monthly plan weighs less on a month, so it is closer to what the debtor can pay.
    const policy = copPolicy({ installments: { ...copPolicy().installments, maxCount: 12, maxPlanDays: 100 } });
    const r = negotiate({ policy, account, now, timeZone, request: { kind: 'plan', amount: { minor: 6_000_000 }, frequency: 'biweekly' } });
    if (!r.ok || r.offer.kind !== 'plan') throw new Error('expected a plan');
    expect(r.offer.plan.frequency).toBe('monthly');
    expect(r.adjustments[0]).toMatchObject({ field: 'frequency', code: 'PLAN.FREQUENCY_CHANGED', requested: 'biweekly', offered: 'monthly' });
  });

  it('raises an installment below the minimum: minimum installment, fewest installments that fit', () => {
    const r = negotiate({ policy: copPolicy({ installments: { ...copPolicy().installments, maxCount: 24, maxPlanDays: 800 } }), account, now, timeZone, request: { kind: 'plan', amount: { minor: 2_000_000 }, frequency: 'monthly' } });
    expect(r.ok && r.counterOffer).toBe(true);
    expect(r.ok && r.adjustments.map((a) => a.code)).toEqual(['PLAN.BELOW_MIN_INSTALLMENT']);
    if (!r.ok || r.offer.kind !== 'plan') throw new Error('expected a plan');
    expect(r.offer.plan.count).toBe(20);
    expect(r.offer.plan.installments.every((i) => i.amount.minor === 5_000_000)).toBe(true);
  });

  it('caps too many installments at the maximum allowed', () => {
    const r = negotiate({ policy: copPolicy(), account, now, timeZone, request: { kind: 'plan', count: 12, frequency: 'monthly' } });
    if (!r.ok || r.offer.kind !== 'plan') throw new Error('expected a plan');
    expect(r.offer.plan.count).toBe(6);
    expect(r.offer.plan.installments.map((i) => i.amount.minor)).toEqual([16_666_600, 16_666_600, 16_666_600, 16_666_600, 16_666_600, 16_667_000]);
    expect(r.offer.plan.firstDueDate).toBe('2026-11-30');
    expect(r.adjustments[0]).toMatchObject({ field: 'count', code: 'PLAN.TOO_MANY_INSTALLMENTS', requested: 12, offered: 6 });
  });

  it('accepts a request that fits as it is', () => {
    const r = negotiate({ policy: copPolicy(), account, now, timeZone, request: { kind: 'plan', count: 4, frequency: 'biweekly', date: '2026-11-27' } });
    expect(r.ok && r.counterOffer).toBe(false);
    expect(r.ok && r.offer.kind === 'plan' && r.offer.plan.installments.map((i) => i.dueDate)).toEqual(['2026-11-27', '2026-12-11', '2026-12-25', '2027-01-08']);
  });

  it('sends the request to a supervisor once counter-offers are used up, never accepting it', () => {
    const r = negotiate({ policy: copPolicy(), account, now, timeZone, request: { kind: 'plan', count: 12 }, counterOffersMade: 2 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('PLAN.OUTSIDE_POLICY');
    expect(r.approvalRequest).toMatchObject({ kind: 'plan', reason: 'PLAN.TOO_MANY_INSTALLMENTS', requested: { count: 12 }, balance: cop(100_000_000), requestedAt: '2026-11-20T15:00:00.000Z' });
    expect(r.approvalRequest?.counterProposal?.kind).toBe('plan');
  });

  it('offers a full payment when the balance is below one minimum installment', () => {
    const r = negotiate({ policy: copPolicy(), account: { balance: cop(3_000_000) }, now, timeZone, request: { kind: 'plan', count: 2 } });
    expect(r.ok && r.offer).toEqual({ kind: 'full_payment', amount: cop(3_000_000), payBy: '2026-11-25' });
  });
});

describe('negotiate a settlement or a promise', () => {
  it('keeps a settlement within the discount ceiling and the pay-by window', () => {
    const low = negotiate({ policy: copPolicy(), account, now, timeZone, request: { kind: 'settlement', amount: { minor: 70_000_000 }, date: '2026-12-20' } });
    expect(low.ok && low.offer).toEqual({ kind: 'settlement', amount: cop(90_000_000), discount: cop(10_000_000), discountBp: 1_000, payBy: '2026-11-25' });
    const fits = negotiate({ policy: copPolicy(), account, now, timeZone, request: { kind: 'settlement', amount: { minor: 95_000_000, currency: 'COP' }, date: '2026-11-22' } });
    expect(fits.ok && [fits.counterOffer, fits.offer]).toEqual([false, { kind: 'settlement', amount: cop(95_000_000), discount: cop(5_000_000), discountBp: 500, payBy: '2026-11-22' }]);
    const none = negotiate({ policy: copPolicy({ offers: ['full_payment', 'installments'] }), account, now, timeZone, request: { kind: 'settlement', amount: { minor: 95_000_000 } } });
    expect(!none.ok && [none.error.code, none.approvalRequest?.reason]).toEqual(['PLAN.OUTSIDE_POLICY', 'SETTLEMENT.NOT_OFFERED']);
    const usd = negotiate({ policy: copPolicy(), account, now, timeZone, request: { kind: 'settlement', amount: { minor: 100, currency: 'USD' } } });
    expect(!usd.ok && usd.error.code).toBe('NEGOTIATION.CURRENCY_MISMATCH');
  });

  it('moves a promise inside the horizon and needs a date', () => {
    const far = negotiate({ policy: copPolicy(), account, now, timeZone, request: { kind: 'promise', date: '2027-01-30' } });
    expect(far.ok && far.offer).toEqual({ kind: 'promise', amount: cop(100_000_000), date: '2026-12-05' });
    const none = negotiate({ policy: copPolicy(), account, now, timeZone, request: { kind: 'promise' } });
    expect(!none.ok && none.error.code).toBe('PROMISE.DATE_REQUIRED');
  });

  it('makes offers in the policy order', () => {
    const today = '2026-11-20';
    expect([0, 1, 2, 3].map((i) => nextOffer(copPolicy(), account, today, i)?.kind ?? null)).toEqual(['full_payment', 'settlement', 'plan', null]);
    expect(nextOffer(copPolicy({ offers: ['installments', 'full_payment'] }), account, today, 0)?.kind).toBe('plan');
  });
});

const policyArb: fc.Arbitrary<ResolvedPolicy> = fc
  .record({
    offers: fc.subarray(['full_payment', 'settlement', 'installments'] as const, { minLength: 1 }),
    maxCounterOffers: fc.integer({ min: 0, max: 3 }),
    maxDiscountBp: fc.integer({ min: 0, max: 10_000 }),
    payWithinDays: fc.integer({ min: 0, max: 30 }),
    minDownPaymentBp: fc.integer({ min: 0, max: 10_000 }),
    maxCount: fc.integer({ min: 1, max: 36 }),
    minAmount: fc.integer({ min: 1, max: 50_000_000 }),
    frequencies: fc.subarray([...FREQUENCIES], { minLength: 1 }),
    maxPlanDays: fc.integer({ min: 30, max: 1_100 }),
    firstPaymentWithinDays: fc.integer({ min: 0, max: 30 }),
    maxDays: fc.integer({ min: 0, max: 60 }),
  })
  .map((p) => copPolicy({
    offers: p.offers, maxCounterOffers: p.maxCounterOffers,
    settlement: { maxDiscountBp: p.maxDiscountBp, payWithinDays: p.payWithinDays },
    installments: { minDownPaymentBp: p.minDownPaymentBp, maxCount: p.maxCount, minAmount: cop(p.minAmount), frequencies: p.frequencies, maxPlanDays: p.maxPlanDays, firstPaymentWithinDays: p.firstPaymentWithinDays },
    promise: { maxDays: p.maxDays, graceDays: 2 },
  }));

const isoDay = fc.integer({ min: -40, max: 400 }).map((d) => new Date(Date.UTC(2026, 10, 20 + d)).toISOString().slice(0, 10));
const requestArb: fc.Arbitrary<NegotiationRequest> = fc.record(
  {
    kind: fc.constantFrom('plan', 'settlement', 'promise'),
    amount: fc.integer({ min: -10, max: 2e11 }).map((minor) => ({ minor })),
    count: fc.integer({ min: -2, max: 100 }),
    frequency: fc.constantFrom(...FREQUENCIES),
    date: isoDay,
    downPayment: fc.integer({ min: 0, max: 2e11 }).map((minor) => ({ minor })),
  },
  { requiredKeys: ['kind'] },
);

describe('every offer negotiate produces is within policy (property)', () => {
  it('holds for random policies, balances, time zones, instants and requests', () => {
    let offers = 0;
    fc.assert(
      fc.property(
        policyArb,
        fc.integer({ min: 1, max: 1e14 }),
        requestArb,
        fc.constantFrom('America/Bogota', 'America/Santiago', 'Europe/Madrid', 'America/New_York', 'Pacific/Kiritimati'),
        fc.integer({ min: 0, max: 400 * 86_400 }),
        fc.integer({ min: 0, max: 5 }),
        (policy, balance, request, tz, seconds, made) => {
          const at = new Date(Date.UTC(2026, 0, 1) + seconds * 1_000);
          const r = negotiate({ policy, account: { balance: cop(balance) }, now: at, timeZone: tz, request, counterOffersMade: made });
          if (!r.ok) {
            expect(['PLAN.OUTSIDE_POLICY', 'PROMISE.DATE_REQUIRED']).toContain(r.error.code);
            // Outside policy only when nothing in policy fits, or after the allowed counter-offers, never by accident.
            if (r.approvalRequest?.counterProposal) expect(made).toBeGreaterThanOrEqual(policy.maxCounterOffers);
            else if (r.approvalRequest) expect(['SETTLEMENT.NOT_OFFERED', 'PLAN.NOT_OFFERED', 'PLAN.BELOW_MIN_INSTALLMENT']).toContain(r.approvalRequest.reason);
            return;
          }
          offers += 1;
          expect(isWithinPolicy(r.offer, policy, { balance: cop(balance) }, at, tz)).toBe(true);
          if (r.counterOffer) expect(made).toBeLessThan(policy.maxCounterOffers);
        },
      ),
      { numRuns: 3_000 },
    );
    expect(offers).toBeGreaterThan(300);
  });
});
