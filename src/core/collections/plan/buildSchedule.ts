import { addPeriods } from '../dates/addPeriod';
import { currencyDigits, isKnownCurrency } from '../money/currencyDigits';
import { parseIsoDate } from '../dates/isoDate';
import { fail, type Result } from '../result';
import type { Installment, Plan, PlanInput } from './plan';

/**
 * Computes the payment schedule of a plan without judging it against any policy: the down payment (if any) on
 * the first date, then `count` installments one period apart (7 or 14 days, or monthly keeping the day of month,
 * clamped at month end). Regular installments are floor(remaining / count), in whole displayed units for a currency
 * shown without decimals (COP, CLP), and the last one absorbs the remainder, so it is never smaller than the others
 * and the sum is exact. Fails with PLAN.INVALID_COUNT,
 * PLAN.INVALID_DATE, PLAN.CURRENCY_MISMATCH or PLAN.DOWN_PAYMENT_TOO_HIGH. Pure.
 */
export function buildSchedule(input: PlanInput): Result<Plan> {
  const { total, count, frequency, firstDueDate } = input;
  const down = input.downPayment && input.downPayment.minor > 0 ? input.downPayment : null;
  if (!Number.isSafeInteger(count) || count < 1) return fail('PLAN.INVALID_COUNT', `a plan needs at least one installment, got ${count}`);
  if (!parseIsoDate(firstDueDate)) return fail('PLAN.INVALID_DATE', `first due date ${firstDueDate} is not a YYYY-MM-DD date`);
  if (total.minor <= 0) return fail('PLAN.NOTHING_OWED', 'the plan total must be greater than zero');
  if (down && down.currency !== total.currency) return fail('PLAN.CURRENCY_MISMATCH', `down payment in ${down.currency}, total in ${total.currency}`);
  const remaining = total.minor - (down?.minor ?? 0);
  if (remaining < count) return fail('PLAN.DOWN_PAYMENT_TOO_HIGH', 'the down payment leaves less than one minor unit per installment: lower it or pay in full');
  // In a currency shown without decimals (COP, CLP) every installment is whole units, so a debtor who pays what is
  // shown clears the debt: the regular ones are rounded down to a whole unit and the last absorbs the rest.
  const unit = wholeUnit(total.currency);
  const regular = remaining >= unit * count ? Math.floor(remaining / count / unit) * unit : Math.floor(remaining / count);
  const installments: Installment[] = [];
  if (down) installments.push({ number: 0, kind: 'down_payment', amount: { ...down }, dueDate: firstDueDate });
  const offset = down ? 1 : 0;
  for (let k = 1; k <= count; k += 1) {
    const minor = k === count ? remaining - regular * (count - 1) : regular;
    installments.push({ number: k, kind: 'installment', amount: { minor, currency: total.currency }, dueDate: addPeriods(firstDueDate, frequency, k - 1 + offset) });
  }
  const last = installments[installments.length - 1];
  return {
    ok: true,
    value: { total: { ...total }, downPayment: down ? { ...down } : null, count, frequency, installments, firstDueDate, lastDueDate: last?.dueDate ?? firstDueDate },
  };
}

/** Minor units in one displayed unit: 100 for COP (2 minor digits, shown without cents), 1 for most currencies. */
function wholeUnit(currency: string): number {
  if (!isKnownCurrency(currency)) return 1;
  const digits = currencyDigits(currency);
  return 10 ** Math.max(0, digits.minor - digits.display);
}
