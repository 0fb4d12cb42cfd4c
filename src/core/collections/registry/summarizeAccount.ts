import type { Money } from '../money/money';
import type { CollectionsFacts } from './collectionsFacts';

/** What the balance answer says beyond the balance itself, computed from the facts (flat, for templates). */
export interface AccountSummary {
  /** The next installment of the active plan not fully paid: what is still owed on it and when. */
  nextInstallment?: { number: number; amount: Money; dueDate: string };
  /** Installments of the active plan not fully paid yet (the next one included). */
  installmentsLeft?: number;
  /** The active promise, with what is still owed on it. */
  promise?: { amount: Money; remaining: Money; dueDate: string };
}

const owed = (amount: Money, paid: Money | undefined): Money => ({ minor: Math.max(0, amount.minor - (paid?.minor ?? 0)), currency: amount.currency });

/**
 * The active plan's next unpaid installment (what remains of it and its due date) and installments left, and the
 * active promise with what remains of it; a part is absent when nothing is due on it. Pure.
 */
export function summarizeAccount(account: CollectionsFacts['account']): AccountSummary {
  const summary: AccountSummary = {};
  const unpaid = (account.activePlan?.installments ?? [])
    .map((i) => ({ number: i.number, amount: owed(i.amount, i.paid), dueDate: i.dueDate }))
    .filter((i) => i.amount.minor > 0)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number - b.number));
  if (unpaid[0]) {
    summary.nextInstallment = unpaid[0];
    summary.installmentsLeft = unpaid.length;
  }
  const promise = account.activePromise;
  if (promise) {
    const remaining = owed(promise.amount, promise.paid);
    if (remaining.minor > 0) summary.promise = { amount: promise.amount, remaining, dueDate: promise.dueDate };
  }
  return summary;
}
