import type { Frequency } from '../../nlu/intents';
import { addPeriods } from '../dates/addPeriod';
import { daysBetween } from '../dates/isoDate';
import type { NegotiationRequest } from './offer';

/**
 * The plan request behind "la mitad ahora y la otra mitad a fin de mes" / "half now, the rest on the 30th": half
 * the balance (rounded up) as a down payment today, then one installment one period later, with the allowed
 * frequency whose date falls closest to the one the debtor named (the earlier one on a tie; a month when they named
 * none). `secondDate` is that date, if any. The negotiation then keeps it inside the policy like any plan request;
 * `secondDateMoved` says whether the second payment cannot fall on the day asked. Pure.
 */
export function splitPaymentRequest(balanceMinor: number, today: string, secondDate: string | undefined, frequencies: readonly Frequency[]): { request: NegotiationRequest; secondDateMoved: boolean } {
  const wanted = secondDate !== undefined && daysBetween(today, secondDate) > 0 ? secondDate : addPeriods(today, 'monthly', 1);
  let best: Frequency = frequencies.includes('monthly') ? 'monthly' : (frequencies[0] ?? 'monthly');
  let bestGap = Number.POSITIVE_INFINITY;
  for (const frequency of frequencies) {
    const gap = daysBetween(addPeriods(today, frequency, 1), wanted);
    if (Math.abs(gap) < Math.abs(bestGap) || (Math.abs(gap) === Math.abs(bestGap) && gap > bestGap)) [best, bestGap] = [frequency, gap];
  }
  return {
    request: { kind: 'plan', downPayment: { minor: Math.ceil(balanceMinor / 2) }, count: 1, frequency: best, date: today },
    secondDateMoved: secondDate !== undefined && bestGap !== 0,
  };
}
