import { describe, expect, it } from 'vitest';
import { checkPaymentPlausibility } from '../../../src/core/collections/payments/checkPaymentPlausibility';

const now = new Date('2026-11-20T15:00:00Z');
const base = {
  amount: { minor: 100, currency: 'PEN' }, paidAt: now, balance: { minor: 240_000, currency: 'PEN' }, alreadyPaid: { minor: 60_000, currency: 'PEN' },
  accountCreatedAt: new Date('2026-11-01T00:00:00Z'), dueDate: '2026-10-15', now,
};

describe('checkPaymentPlausibility', () => {
  it('takes up to twice what the account has owed (balance plus what was paid), and no more', () => {
    expect(checkPaymentPlausibility({ ...base, amount: { minor: 600_000, currency: 'PEN' } })).toBeNull();
    expect(checkPaymentPlausibility({ ...base, amount: { minor: 600_001, currency: 'PEN' } })?.code).toBe('PAYMENT.AMOUNT_IMPLAUSIBLE');
    expect(checkPaymentPlausibility({ ...base, amount: { minor: 9007199254740991, currency: 'PEN' } })?.message).toMatch(/^amount: 90071992547409\.91 PEN is more than 2 times what the account has owed \(3000\.00 PEN\)/);
  });

  it('takes paid_at from three years before the account\'s earliest date to five minutes ahead of now', () => {
    expect(checkPaymentPlausibility({ ...base, paidAt: new Date('2023-10-16T00:00:00Z') })).toBeNull();
    expect(checkPaymentPlausibility({ ...base, paidAt: new Date('2023-10-15T00:00:00Z') })?.code).toBe('PAYMENT.PAID_AT_TOO_OLD');
    expect(checkPaymentPlausibility({ ...base, paidAt: new Date('0001-01-01T00:00:00Z') })?.message).toMatch(/^paid_at: 0001-01-01T00:00:00\.000Z is before/);
    expect(checkPaymentPlausibility({ ...base, paidAt: new Date(now.getTime() + 5 * 60_000) })).toBeNull();
    expect(checkPaymentPlausibility({ ...base, paidAt: new Date(now.getTime() + 5 * 60_000 + 1) })?.code).toBe('PAYMENT.PAID_AT_IN_FUTURE');
  });
});
