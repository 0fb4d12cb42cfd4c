import { describe, expect, it } from 'vitest';
import { splitPaymentRequest } from '../../../src/core/collections/negotiation/splitPaymentRequest';

// "La mitad ahora y la otra mitad a fin de mes": half today (rounded up) as the down payment, one installment one
// period later, on the allowed frequency whose date is closest to the one named.
describe('splitPaymentRequest', () => {
  const all = ['weekly', 'biweekly', 'monthly'] as const;

  it('half today, the other half on the allowed date closest to the one named', () => {
    expect(splitPaymentRequest(125_000_001, '2026-11-23', '2026-11-30', ['biweekly', 'monthly'])).toEqual({
      request: { kind: 'plan', downPayment: { minor: 62_500_001 }, count: 1, frequency: 'biweekly', date: '2026-11-23' },
      secondDateMoved: true,
    });
    expect(splitPaymentRequest(100_000, '2026-11-23', '2026-11-30', all)).toMatchObject({ request: { frequency: 'weekly' }, secondDateMoved: false });
    expect(splitPaymentRequest(100_000, '2026-11-23', '2026-12-20', all)).toMatchObject({ request: { frequency: 'monthly' }, secondDateMoved: true });
  });

  it('a tie goes to the earlier date; no date, or one not after today, means a month', () => {
    // From Nov 23, biweekly is Dec 7 and monthly Dec 23: Dec 15 is 8 days from each.
    expect(splitPaymentRequest(100_000, '2026-11-23', '2026-12-15', ['biweekly', 'monthly']).request.frequency).toBe('biweekly');
    expect(splitPaymentRequest(100_000, '2026-11-23', '2026-12-15', ['monthly', 'biweekly']).request.frequency).toBe('biweekly');
    expect(splitPaymentRequest(100_000, '2026-11-23', '2026-12-16', ['biweekly', 'monthly']).request.frequency).toBe('monthly');
    expect(splitPaymentRequest(100_000, '2026-11-23', undefined, all)).toMatchObject({ request: { frequency: 'monthly' }, secondDateMoved: false });
    expect(splitPaymentRequest(100_000, '2026-11-23', '2026-11-23', all).request.frequency).toBe('monthly');
  });
});
