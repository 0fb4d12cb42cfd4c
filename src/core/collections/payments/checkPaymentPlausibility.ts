import { formatDecimalAmount } from '../money/formatDecimalAmount';
import type { Money } from '../money/money';
import { fail, type DomainError } from '../result';

/** A payment more than this many times what the account has owed (balance plus what was paid on it) is refused. */
export const MAX_PAYMENT_TO_DEBT_RATIO = 2;
/** How far before the account's earliest date (first imported, or its due date) a payment may be dated. */
export const PAYMENT_LOOKBACK_DAYS = 3 * 365;
/** How far after `now` a payment may be dated (clock skew between the creditor's systems and ours). */
export const PAYMENT_FUTURE_SKEW_MS = 5 * 60_000;

const DAY_MS = 86_400_000;

export interface PaymentPlausibilityInput {
  amount: Money;
  paidAt: Date;
  /** The account's balance before this payment. */
  balance: Money;
  /** What earlier payments applied to the account (the balance was that much higher before them). */
  alreadyPaid: Money;
  /** When the account was first imported, and its due date (ISO date). */
  accountCreatedAt: Date;
  dueDate: string;
  now: Date;
}

/**
 * Refuses a payment no real payment could be: an amount over MAX_PAYMENT_TO_DEBT_RATIO times what the account has
 * owed (PAYMENT.AMOUNT_IMPLAUSIBLE), a paid_at more than PAYMENT_LOOKBACK_DAYS before the account's earliest date
 * (PAYMENT.PAID_AT_TOO_OLD) or more than PAYMENT_FUTURE_SKEW_MS after now (PAYMENT.PAID_AT_IN_FUTURE). Each message
 * names the field and the limit. Null when plausible. Pure.
 */
export function checkPaymentPlausibility(input: PaymentPlausibilityInput): DomainError | null {
  const owed = input.balance.minor + input.alreadyPaid.minor;
  const cap = owed * MAX_PAYMENT_TO_DEBT_RATIO;
  if (input.amount.minor > cap) {
    const shown = (minor: number) => `${formatDecimalAmount({ minor, currency: input.amount.currency })} ${input.amount.currency}`;
    return fail(
      'PAYMENT.AMOUNT_IMPLAUSIBLE',
      `amount: ${shown(input.amount.minor)} is more than ${MAX_PAYMENT_TO_DEBT_RATIO} times what the account has owed (${shown(owed)}); check the amount (minor units: 125050 is 1250.50)`,
    ).error;
  }
  if (input.paidAt.getTime() > input.now.getTime() + PAYMENT_FUTURE_SKEW_MS) {
    return fail('PAYMENT.PAID_AT_IN_FUTURE', `paid_at: ${input.paidAt.toISOString()} is in the future: send the instant the payment was made`).error;
  }
  const earliest = Math.min(input.accountCreatedAt.getTime(), Date.parse(`${input.dueDate}T00:00:00Z`)) - PAYMENT_LOOKBACK_DAYS * DAY_MS;
  if (!(input.paidAt.getTime() >= earliest)) {
    const from = new Date(earliest).toISOString().slice(0, 10);
    return fail('PAYMENT.PAID_AT_TOO_OLD', `paid_at: ${input.paidAt.toISOString()} is before the account could have been paid (earliest ${from}, ${PAYMENT_LOOKBACK_DAYS} days before it was imported or due)`).error;
  }
  return null;
}
