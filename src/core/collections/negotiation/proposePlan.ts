import type { Frequency } from '../../nlu/intents';
import { addDays, addPeriods } from '../dates/addPeriod';
import { daysBetween } from '../dates/isoDate';
import { percentOfMoney } from '../money/percentOfMoney';
import { buildSchedule } from '../plan/buildSchedule';
import type { Violation } from '../plan/plan';
import type { ResolvedPolicy } from '../policy/resolvedPolicy';
import { clampRequestedDate } from './clampRequestedDate';
import type { Adjustment, NegotiationAccount, NegotiationRequest, Offer } from './offer';
import type { Proposal } from './proposal';

interface Draft {
  adjustments: Adjustment[];
  violations: Violation[];
}

function note(draft: Draft, field: Adjustment['field'], code: string, requested: unknown, offered: unknown, message: string): void {
  draft.adjustments.push({ field, code, requested, offered });
  draft.violations.push({ code, message });
}

function pickFrequency(request: NegotiationRequest, policy: ResolvedPolicy, draft: Draft): Frequency {
  const allowed = policy.installments.frequencies;
  const fallback = allowed.includes('monthly') ? 'monthly' : (allowed[0] ?? 'monthly');
  if (request.frequency === undefined) return fallback;
  if (allowed.includes(request.frequency)) return request.frequency;
  note(draft, 'frequency', 'PLAN.FREQUENCY_NOT_ALLOWED', request.frequency, fallback, `${request.frequency} is not allowed: ${allowed.join(', ')}`);
  return fallback;
}

/** Most installments whose last date stays inside the plan length. */
function countByLength(first: string, frequency: Frequency, offset: number, today: string, policy: ResolvedPolicy): number {
  const limit = addDays(today, policy.installments.maxPlanDays);
  let n = 0;
  while (n < policy.installments.maxCount && daysBetween(addPeriods(first, frequency, n + offset), limit) >= 0) n += 1;
  return n;
}

function pickCount(request: NegotiationRequest, remaining: number, cap: { count: number; code: string }, minAmount: number, draft: Draft): number {
  if (request.count !== undefined && Number.isSafeInteger(request.count) && request.count >= 1) {
    if (request.count <= cap.count) return request.count;
    note(draft, 'count', cap.code, request.count, cap.count, `at most ${cap.count} installments here`);
    return cap.count;
  }
  const asked = request.amount?.minor;
  if (asked === undefined || asked <= 0) return cap.count;
  if (asked < minAmount) {
    note(draft, 'amount', 'PLAN.BELOW_MIN_INSTALLMENT', asked, minAmount, `each installment must be at least ${minAmount} minor units`);
    return Math.max(1, Math.min(cap.count, Math.floor(remaining / minAmount)));
  }
  // The amount is a ceiling: the fewest installments that keep each one at or under it ("50 lucas al mes" on
  // 480.000 is 10 × 48.000, not 9 × 53.333).
  const wanted = Math.max(1, Math.ceil(remaining / asked));
  if (wanted <= cap.count) return wanted;
  note(draft, 'count', cap.code, wanted, cap.count, `at most ${cap.count} installments here, so each is larger`);
  return cap.count;
}

function fullPayment(balance: NegotiationAccount['balance'], today: string, policy: ResolvedPolicy): Offer | null {
  return policy.offers.includes('full_payment') ? { kind: 'full_payment', amount: { ...balance }, payBy: addDays(today, policy.settlement.payWithinDays) } : null;
}

/**
 * The closest installment plan inside policy to what the debtor asked: an allowed frequency (monthly by
 * default), at least the minimum down payment, the first date moved into the first-payment window (default: its
 * last day), then the count — the debtor's count capped at the most allowed; or from an amount per installment
 * (a ceiling), the fewest installments that keep each at or under it (or at the minimum when it is below it); or
 * by default the most allowed. When the frequency asked for cannot get under the amount (the plan length caps the
 * count), another allowed frequency that weighs less per month is offered instead (PLAN.FREQUENCY_CHANGED).
 * The cap is the smallest of maxCount, what fits in maxPlanDays and balance ÷ minimum installment. When no plan
 * fits (balance below one minimum installment) the counter-offer is a full payment. Pure.
 */
export function proposePlan(request: NegotiationRequest, policy: ResolvedPolicy, account: NegotiationAccount, today: string): Proposal {
  const asked = planFor(request, policy, account, today);
  const ceiling = request.amount?.minor;
  if (ceiling === undefined || request.count !== undefined || request.frequency === undefined || !overCeiling(asked, ceiling)) return asked;
  // The frequency asked for cannot keep each payment under the debtor's amount (the plan length caps the count):
  // the plan that weighs least per month among the other allowed frequencies is closer to what they can pay.
  let best = asked;
  for (const frequency of policy.installments.frequencies) {
    if (frequency === request.frequency) continue;
    const other = planFor({ ...request, frequency, amount: { minor: Math.round((ceiling * PER_MONTH[request.frequency]) / PER_MONTH[frequency]) } }, policy, account, today);
    if (monthlyLoad(other) < monthlyLoad(best)) best = other;
  }
  if (best === asked) return asked;
  const adjustments = [{ field: 'frequency' as const, code: 'PLAN.FREQUENCY_CHANGED', requested: request.frequency, offered: best.offer?.kind === 'plan' ? best.offer.plan.frequency : null }, ...best.adjustments.filter((a) => a.field !== 'amount' && a.field !== 'count')];
  return { offer: best.offer, adjustments, violations: [{ code: 'PLAN.FREQUENCY_CHANGED', message: 'another frequency keeps the payments closer to the amount asked' }, ...best.violations] };
}

/** Payments per month of each frequency, to compare plans by what they weigh on a month. */
const PER_MONTH: Readonly<Record<Frequency, number>> = { weekly: 52 / 12, biweekly: 26 / 12, monthly: 1 };

function regularAmount(proposal: Proposal): number | undefined {
  return proposal.offer?.kind === 'plan' ? proposal.offer.plan.installments.find((i) => i.kind === 'installment')?.amount.minor : undefined;
}

function overCeiling(proposal: Proposal, ceiling: number): boolean {
  const amount = regularAmount(proposal);
  return amount !== undefined && amount > ceiling;
}

function monthlyLoad(proposal: Proposal): number {
  const amount = regularAmount(proposal);
  return amount === undefined || proposal.offer?.kind !== 'plan' ? Number.POSITIVE_INFINITY : amount * PER_MONTH[proposal.offer.plan.frequency];
}

function planFor(request: NegotiationRequest, policy: ResolvedPolicy, account: NegotiationAccount, today: string): Proposal {

  const draft: Draft = { adjustments: [], violations: [] };
  const rules = policy.installments;
  const balance = account.balance;
  if (!policy.offers.includes('installments')) {
    draft.violations.push({ code: 'PLAN.NOT_OFFERED', message: 'this policy does not offer installment plans' });
    return { offer: null, ...draft };
  }
  const frequency = pickFrequency(request, policy, draft);
  const minDown = percentOfMoney(balance, rules.minDownPaymentBp, 'up').minor;
  let down = Math.max(0, request.downPayment?.minor ?? 0);
  if (down < minDown) {
    if (request.downPayment !== undefined) note(draft, 'downPayment', 'PLAN.DOWN_PAYMENT_TOO_LOW', request.downPayment.minor, minDown, `the down payment must be at least ${minDown} minor units`);
    down = minDown;
  }
  const when = clampRequestedDate(request.date, today, rules.firstPaymentWithinDays, { past: 'PLAN.DATE_IN_PAST', late: 'PLAN.FIRST_PAYMENT_TOO_LATE' }, `the first payment must be within ${rules.firstPaymentWithinDays} days`);
  draft.adjustments.push(...when.adjustments);
  draft.violations.push(...when.violations);
  const remaining = balance.minor - down;
  const byLength = countByLength(when.date, frequency, down > 0 ? 1 : 0, today, policy);
  const byAmount = Math.floor(remaining / rules.minAmount.minor);
  if (byLength < 1 || byAmount < 1) {
    draft.violations.unshift({ code: 'PLAN.BELOW_MIN_INSTALLMENT', message: 'the balance is too small for a plan: pay in full' });
    const offer = fullPayment(balance, today, policy);
    if (offer) draft.adjustments.push({ field: 'kind', code: 'PLAN.BELOW_MIN_INSTALLMENT', requested: 'plan', offered: 'full_payment' });
    return { offer, ...draft };
  }
  const capCount = Math.min(rules.maxCount, byLength, byAmount);
  const capCode = capCount === byAmount ? 'PLAN.BELOW_MIN_INSTALLMENT' : capCount === rules.maxCount ? 'PLAN.TOO_MANY_INSTALLMENTS' : 'PLAN.TOO_LONG';
  const count = pickCount(request, remaining, { count: capCount, code: capCode }, rules.minAmount.minor, draft);
  const schedule = buildSchedule({ total: balance, downPayment: down > 0 ? { minor: down, currency: balance.currency } : null, count, frequency, firstDueDate: when.date });
  return { offer: schedule.ok ? { kind: 'plan', plan: schedule.value } : null, ...draft };
}
