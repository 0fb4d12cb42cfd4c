import { addDays } from '../dates/addPeriod';
import { daysBetween } from '../dates/isoDate';
import { localDate } from '../dates/localDate';
import type { Money } from '../money/money';
import type { ResolvedPolicy } from '../policy/resolvedPolicy';

/** A promise-to-pay as stored. */
export interface PromiseToPay {
  amount: Money;
  /** ISO date the debtor promised to pay by (their calendar). */
  dueDate: string;
  /** ISO instant the promise was made; only payments from then on count toward it. */
  madeAt: string;
  /** The debtor's IANA time zone. */
  timeZone: string;
}

/** A payment received for the account. */
export interface Payment {
  amount: Money;
  /** ISO instant the payment was made. */
  paidAt: string;
}

export type PromiseStatus = 'pending' | 'kept' | 'partially_kept' | 'broken';

export interface PromiseEvaluation {
  status: PromiseStatus;
  /** Paid toward the promise between madeAt and the end of the grace period. */
  paid: Money;
  remaining: Money;
  /** Last day (debtor's calendar) a payment still counts. */
  graceEndsOn: string;
}

/**
 * Where a promise stands at `now`: kept once payments in its currency made from `madeAt` up to the end of the
 * grace period (dueDate + policy.promise.graceDays, on the debtor's calendar) reach the amount; pending until the
 * grace period ends; then partially_kept if something was paid, else broken. Pure.
 */
export function evaluatePromise(promise: PromiseToPay, payments: readonly Payment[], now: Date, policy: Pick<ResolvedPolicy, 'promise'>): PromiseEvaluation {
  const graceEndsOn = addDays(promise.dueDate, policy.promise.graceDays);
  const madeAt = Date.parse(promise.madeAt);
  const counted = payments.filter((p) => {
    if (p.amount.currency !== promise.amount.currency || p.amount.minor <= 0) return false;
    const at = Date.parse(p.paidAt);
    return at >= madeAt && daysBetween(localDate(new Date(at), promise.timeZone), graceEndsOn) >= 0;
  });
  const paidMinor = counted.reduce((sum, p) => sum + p.amount.minor, 0);
  const currency = promise.amount.currency;
  const paid = { minor: paidMinor, currency };
  const remaining = { minor: Math.max(0, promise.amount.minor - paidMinor), currency };
  const over = daysBetween(graceEndsOn, localDate(now, promise.timeZone)) > 0;
  const status: PromiseStatus = paidMinor >= promise.amount.minor ? 'kept' : !over ? 'pending' : paidMinor > 0 ? 'partially_kept' : 'broken';
  return { status, paid, remaining, graceEndsOn };
}
