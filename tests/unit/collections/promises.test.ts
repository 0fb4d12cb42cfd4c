import { describe, expect, it } from 'vitest';
import { applyPayment } from '../../../src/core/collections/promises/applyPayment';
import { evaluatePromise, type PromiseToPay } from '../../../src/core/collections/promises/evaluatePromise';
import { cop } from './support';

const promise: PromiseToPay = { amount: cop(50_000_000), dueDate: '2026-12-10', madeAt: '2026-12-01T15:00:00Z', timeZone: 'America/Bogota' };
const policy = { promise: { maxDays: 15, graceDays: 2 } };
const pay = (minor: number, paidAt: string) => ({ amount: cop(minor), paidAt });

describe('evaluatePromise', () => {
  it('is pending until the grace period ends, then kept, partially kept or broken', () => {
    expect(evaluatePromise(promise, [], new Date('2026-12-12T20:00:00Z'), policy).status).toBe('pending');
    // 2026-12-13 04:00 UTC is still Dec 12 in Bogotá: inside the grace period.
    expect(evaluatePromise(promise, [], new Date('2026-12-13T04:00:00Z'), policy).status).toBe('pending');
    expect(evaluatePromise(promise, [], new Date('2026-12-13T06:00:00Z'), policy)).toMatchObject({ status: 'broken', graceEndsOn: '2026-12-12' });
    const partial = evaluatePromise(promise, [pay(20_000_000, '2026-12-09T14:00:00Z')], new Date('2026-12-20T12:00:00Z'), policy);
    expect(partial).toMatchObject({ status: 'partially_kept', paid: cop(20_000_000), remaining: cop(30_000_000) });
    const kept = evaluatePromise(promise, [pay(20_000_000, '2026-12-09T14:00:00Z'), pay(30_000_000, '2026-12-12T23:00:00Z')], new Date('2026-12-11T12:00:00Z'), policy);
    expect(kept.status).toBe('kept');
  });

  it('ignores payments made before the promise, after the grace period, or in another currency', () => {
    const payments = [pay(50_000_000, '2026-11-30T12:00:00Z'), pay(50_000_000, '2026-12-13T12:00:00Z'), { amount: { minor: 50_000_000, currency: 'USD' }, paidAt: '2026-12-05T12:00:00Z' }];
    expect(evaluatePromise(promise, payments, new Date('2026-12-20T12:00:00Z'), policy).status).toBe('broken');
  });
});

describe('applyPayment', () => {
  const plan = {
    installments: [
      { number: 2, amount: cop(30_000_000), dueDate: '2027-01-10' },
      { number: 1, amount: cop(30_000_000), dueDate: '2026-12-10', paid: cop(10_000_000) },
      { number: 3, amount: cop(40_000_000), dueDate: '2027-02-10' },
    ],
  };

  it('pays installments oldest first and lowers the balance exactly', () => {
    const r = applyPayment({ balance: cop(90_000_000) }, plan, { amount: cop(30_000_000), paid: cop(10_000_000) }, pay(35_000_000, '2026-12-09T12:00:00Z'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.balance).toEqual(cop(55_000_000));
    expect(r.value.covered).toEqual([1]);
    expect(r.value.installments.map((i) => [i.number, i.paid.minor, i.status])).toEqual([[1, 30_000_000, 'paid'], [2, 15_000_000, 'partial'], [3, 0, 'open']]);
    expect(r.value.promise).toEqual({ paid: cop(45_000_000), status: 'kept' });
    expect(r.value.overpayment).toEqual(cop(0));
  });

  it('keeps the excess over the balance as overpayment and rejects other currencies', () => {
    const r = applyPayment({ balance: cop(1_000) }, null, null, pay(1_500, '2026-12-09T12:00:00Z'));
    expect(r.ok && [r.value.balance.minor, r.value.overpayment.minor, r.value.promise]).toEqual([0, 500, null]);
    const usd = applyPayment({ balance: cop(1_000) }, null, null, { amount: { minor: 5, currency: 'USD' }, paidAt: '2026-12-09T12:00:00Z' });
    expect(!usd.ok && usd.error.code).toBe('PAYMENT.CURRENCY_MISMATCH');
  });
});
