import type { Frequency } from '../../nlu/intents';
import type { Money } from '../money/money';
import type { Plan, Violation } from '../plan/plan';

/** Something the bot can put to the debtor. Plain JSON: effects and slots carry it as is. */
export type Offer =
  | { kind: 'full_payment'; amount: Money; payBy: string }
  | { kind: 'settlement'; amount: Money; discount: Money; discountBp: number; payBy: string }
  | { kind: 'plan'; plan: Plan }
  | { kind: 'promise'; amount: Money; date: string };

/** What the debtor asked for, as the NLU extracted it; every part is optional. */
export interface NegotiationRequest {
  kind: 'plan' | 'settlement' | 'promise';
  /** plan: per installment; settlement: the lump sum offered; promise: the amount promised. Currency defaults to the account's. */
  amount?: { minor: number; currency?: string };
  /** plan: number of installments. */
  count?: number;
  frequency?: Frequency;
  /** plan: first payment; settlement: pay-by date; promise: the promised date (ISO). */
  date?: string;
  /** plan: down payment offered. */
  downPayment?: { minor: number; currency?: string };
}

/** A part of the request the bot had to change to stay inside policy. */
export interface Adjustment {
  field: 'amount' | 'count' | 'frequency' | 'date' | 'downPayment' | 'kind';
  code: string;
  requested: unknown;
  offered: unknown;
}

/** What goes to the supervisor approval queue when a request can only be met outside policy. Never auto-accepted. */
export interface ApprovalRequest {
  kind: NegotiationRequest['kind'];
  reason: string;
  violations: Violation[];
  requested: NegotiationRequest;
  /** The closest offer inside policy, when there is one (already rejected or out of counter-offers). */
  counterProposal: Offer | null;
  balance: Money;
  policy: { policyId: string; portfolioId: string; ruleId: string };
  requestedAt: string;
}

/** The account values negotiation needs. */
export interface NegotiationAccount {
  balance: Money;
}
