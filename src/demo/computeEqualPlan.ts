import type { Frequency } from '../core/nlu/intents';
import { shiftIsoDate } from './shiftIsoDate';

/** Money in integer minor units of an ISO 4217 currency. */
export interface Money {
  minor: number;
  currency: string;
}

export interface EqualPlan {
  count: number;
  frequency: Frequency;
  total: Money;
  /** The regular installment; the last one may be larger because it absorbs the remainder. */
  installment: Money;
  last: Money;
  firstDueDate: string;
  installments: Array<{ n: number; dueDate: string; amount: Money }>;
}

export interface EqualPlanInput {
  balance: Money;
  count: number;
  maxInstallments: number;
  minInstallment: Money;
  firstDueDate: string;
  frequency: Frequency;
}

export type EqualPlanResult = { ok: true; plan: EqualPlan } | { ok: false; error: { code: string; message: string } };

/**
 * A plain equal-split installment plan: floor(balance / count) per installment, the last one absorbs the
 * remainder, so the installments always add up to the balance exactly. Refuses counts outside 2..max and
 * regular installments below the policy minimum. A stand-in until the negotiation engine lands. Pure.
 */
export function computeEqualPlan(input: EqualPlanInput): EqualPlanResult {
  const { balance, count, maxInstallments, minInstallment } = input;
  if (!Number.isInteger(count) || count < 2) {
    return fail('PLAN.INVALID_COUNT', `a plan needs at least 2 installments, got ${count}`);
  }
  if (count > maxInstallments) {
    return fail('PLAN.ABOVE_MAX_INSTALLMENTS', `${count} installments exceed the policy maximum of ${maxInstallments}`);
  }
  if (minInstallment.currency !== balance.currency) {
    return fail('PLAN.CURRENCY_MISMATCH', `policy minimum is in ${minInstallment.currency}, balance in ${balance.currency}`);
  }
  const regular = Math.floor(balance.minor / count);
  if (regular < minInstallment.minor) {
    return fail('PLAN.BELOW_MIN_INSTALLMENT', `installment ${regular} is below the policy minimum ${minInstallment.minor}`);
  }
  const lastMinor = balance.minor - regular * (count - 1);
  const installments = Array.from({ length: count }, (_, i) => ({
    n: i + 1,
    dueDate: dueDateOf(input.firstDueDate, input.frequency, i),
    amount: { minor: i === count - 1 ? lastMinor : regular, currency: balance.currency },
  }));
  return {
    ok: true,
    plan: {
      count,
      frequency: input.frequency,
      total: { ...balance },
      installment: { minor: regular, currency: balance.currency },
      last: { minor: lastMinor, currency: balance.currency },
      firstDueDate: input.firstDueDate,
      installments,
    },
  };
}

function dueDateOf(first: string, frequency: Frequency, index: number): string {
  if (frequency === 'weekly') return shiftIsoDate(first, { days: 7 * index });
  if (frequency === 'biweekly') return shiftIsoDate(first, { days: 14 * index });
  return shiftIsoDate(first, { months: index });
}

function fail(code: string, message: string): EqualPlanResult {
  return { ok: false, error: { code, message } };
}
