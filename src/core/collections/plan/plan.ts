import type { Frequency } from '../../nlu/intents';
import type { Money } from '../money/money';

/** One payment of a plan. The down payment, when there is one, is number 0. */
export interface Installment {
  number: number;
  kind: 'down_payment' | 'installment';
  amount: Money;
  /** ISO date (debtor's calendar). */
  dueDate: string;
}

/** A payment plan: plain JSON (effects carry it as is), integer money, ISO dates. */
export interface Plan {
  total: Money;
  downPayment: Money | null;
  /** Number of regular installments (the down payment is not counted). */
  count: number;
  frequency: Frequency;
  /** Every payment in date order, down payment first. */
  installments: Installment[];
  firstDueDate: string;
  lastDueDate: string;
}

/** What the debtor and the bot agree on before the schedule is computed. */
export interface PlanInput {
  /** The amount the plan pays off in full (the balance; settlements are not plans). */
  total: Money;
  /** Paid on `firstDueDate`; regular installments then start one period later. */
  downPayment?: Money | null;
  count: number;
  frequency: Frequency;
  /** ISO date of the first payment (the down payment if any, else installment 1). */
  firstDueDate: string;
}

/** A way an offer breaks the policy, with a stable code and what would fix it. */
export interface Violation {
  code: string;
  message: string;
}
