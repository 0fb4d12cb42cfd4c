import { daysBetween } from '../dates/isoDate';
import { percentOfMoney } from '../money/percentOfMoney';
import type { ResolvedPolicy } from '../policy/resolvedPolicy';
import type { Plan, Violation } from './plan';

/**
 * Every way a plan breaks the policy, measured from `today` (the debtor's calendar date): installments offered at
 * all, currency, frequency, number of installments, down payment, minimum installment, first payment window,
 * plan length, dates in the past or not increasing, and the sum. Empty when the plan is within policy. Pure.
 */
export function listPlanViolations(plan: Plan, policy: ResolvedPolicy, today: string): Violation[] {
  const rules = policy.installments;
  const v: Violation[] = [];
  const add = (code: string, message: string): void => void v.push({ code, message });
  if (!policy.offers.includes('installments')) add('PLAN.NOT_OFFERED', 'this policy does not offer installment plans');
  if (plan.total.currency !== policy.currency) add('PLAN.CURRENCY_MISMATCH', `plan in ${plan.total.currency}, policy in ${policy.currency}`);
  if (!rules.frequencies.includes(plan.frequency)) add('PLAN.FREQUENCY_NOT_ALLOWED', `${plan.frequency} is not allowed: use ${rules.frequencies.join(', ')}`);
  if (plan.count > rules.maxCount) add('PLAN.TOO_MANY_INSTALLMENTS', `${plan.count} installments, at most ${rules.maxCount}`);
  const minDown = percentOfMoney(plan.total, rules.minDownPaymentBp).minor;
  if ((plan.downPayment?.minor ?? 0) < minDown) add('PLAN.DOWN_PAYMENT_TOO_LOW', `the down payment must be at least ${minDown} minor units`);
  const regular = plan.installments.filter((i) => i.kind === 'installment');
  if (regular.some((i) => i.amount.minor < rules.minAmount.minor)) add('PLAN.BELOW_MIN_INSTALLMENT', `each installment must be at least ${rules.minAmount.minor} minor units`);
  const sum = plan.installments.reduce((acc, i) => acc + i.amount.minor, 0);
  if (sum !== plan.total.minor) add('PLAN.SUM_MISMATCH', `installments add up to ${sum}, not ${plan.total.minor}`);
  const first = plan.installments[0];
  if (first && daysBetween(today, first.dueDate) > rules.firstPaymentWithinDays) add('PLAN.FIRST_PAYMENT_TOO_LATE', `the first payment must be within ${rules.firstPaymentWithinDays} days`);
  if (plan.installments.some((i) => daysBetween(today, i.dueDate) < 0)) add('PLAN.DATE_IN_PAST', 'no payment may fall due before today');
  if (plan.installments.some((i, k) => k > 0 && daysBetween(plan.installments[k - 1]?.dueDate ?? i.dueDate, i.dueDate) <= 0)) add('PLAN.DATES_NOT_INCREASING', 'payment dates must be strictly increasing');
  const last = plan.installments[plan.installments.length - 1];
  if (last && daysBetween(today, last.dueDate) > rules.maxPlanDays) add('PLAN.TOO_LONG', `the last payment must be within ${rules.maxPlanDays} days`);
  return v;
}
