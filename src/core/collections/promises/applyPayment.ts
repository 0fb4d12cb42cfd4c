import type { Money } from '../money/money';
import { fail, type Result } from '../result';
import type { Payment } from './evaluatePromise';

/** A plan installment with what has been paid toward it so far. */
export interface InstallmentProgress {
  number: number;
  amount: Money;
  dueDate: string;
  /** Paid so far; absent means nothing yet. */
  paid?: Money;
}

export interface InstallmentState extends InstallmentProgress {
  paid: Money;
  status: 'paid' | 'partial' | 'open';
}

export interface PaymentApplication {
  balance: Money;
  /** The part of the payment above the balance (to refund or hold), 0 normally. */
  overpayment: Money;
  /** Every installment after the payment, oldest first. */
  installments: InstallmentState[];
  /** Numbers of the installments this payment finished paying. */
  covered: number[];
  /** The active promise after the payment: kept once fully paid (broken is decided over time by evaluatePromise). */
  promise: { paid: Money; status: 'kept' | 'pending' } | null;
}

/**
 * Applies one payment to an account: lowers the balance (never below zero; the excess is overpayment), pays the
 * plan's installments oldest first (by due date, then number), and credits the active promise. Integer-exact.
 * Fails with PAYMENT.CURRENCY_MISMATCH or PAYMENT.INVALID_AMOUNT. Pure.
 */
export function applyPayment(
  account: { balance: Money },
  plan: { installments: readonly InstallmentProgress[] } | null,
  promise: { amount: Money; paid?: Money } | null,
  payment: Payment,
): Result<PaymentApplication> {
  const currency = account.balance.currency;
  if (payment.amount.currency !== currency) return fail('PAYMENT.CURRENCY_MISMATCH', `payment in ${payment.amount.currency}, account in ${currency}`);
  if (!Number.isSafeInteger(payment.amount.minor) || payment.amount.minor <= 0) return fail('PAYMENT.INVALID_AMOUNT', 'a payment must be a positive whole number of minor units');
  const applied = Math.min(payment.amount.minor, Math.max(0, account.balance.minor));
  const ordered = [...(plan?.installments ?? [])].sort((a, b) => (a.dueDate === b.dueDate ? a.number - b.number : a.dueDate < b.dueDate ? -1 : 1));
  let left = applied;
  const covered: number[] = [];
  const installments = ordered.map((item): InstallmentState => {
    const before = item.paid?.minor ?? 0;
    const take = Math.min(left, Math.max(0, item.amount.minor - before));
    left -= take;
    const paid = before + take;
    if (take > 0 && paid >= item.amount.minor) covered.push(item.number);
    const status = paid >= item.amount.minor ? 'paid' : paid > 0 ? 'partial' : 'open';
    return { number: item.number, amount: { ...item.amount }, dueDate: item.dueDate, paid: { minor: paid, currency }, status };
  });
  const promisePaid = promise ? (promise.paid?.minor ?? 0) + applied : 0;
  return {
    ok: true,
    value: {
      balance: { minor: account.balance.minor - applied, currency },
      overpayment: { minor: payment.amount.minor - applied, currency },
      installments,
      covered,
      promise: promise ? { paid: { minor: promisePaid, currency }, status: promisePaid >= promise.amount.minor ? 'kept' : 'pending' } : null,
    },
  };
}
