import type { ResolvedPolicy } from '../policy/resolvedPolicy';
import { clampRequestedDate } from './clampRequestedDate';
import type { NegotiationAccount, NegotiationRequest } from './offer';
import type { Proposal } from './proposal';

/**
 * The closest promise-to-pay inside policy: the promised amount (default and cap: the balance) on the promised
 * date moved into [today, today + promise.maxDays]. Without a date there is nothing to propose (the flow should
 * ask for one): offer null with PROMISE.DATE_REQUIRED. Pure.
 */
export function proposePromise(request: NegotiationRequest, policy: ResolvedPolicy, account: NegotiationAccount, today: string): Proposal {
  if (request.date === undefined) {
    return { offer: null, adjustments: [], violations: [{ code: 'PROMISE.DATE_REQUIRED', message: 'a promise needs a date' }] };
  }
  const when = clampRequestedDate(request.date, today, policy.promise.maxDays, { past: 'PROMISE.DATE_IN_PAST', late: 'PROMISE.TOO_FAR' }, `a promise must fall between today and ${policy.promise.maxDays} days from today`);
  const { adjustments, violations } = when;
  const balance = account.balance.minor;
  const asked = request.amount?.minor;
  const amount = asked === undefined || asked > balance || asked <= 0 ? balance : asked;
  return { offer: { kind: 'promise', amount: { minor: amount, currency: account.balance.currency }, date: when.date }, adjustments, violations };
}
