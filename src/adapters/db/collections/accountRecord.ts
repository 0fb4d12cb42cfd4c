import type { Money } from '../../../core/collections/money/money';
import type { AccountStatus, InstallmentStatus, PlanStatus, StoredPromiseStatus } from './collectionsTables';

/** An account as the collections use cases read it: money as Money, ids internal (uuid) and external. */
export interface AccountRecord {
  id: string;
  externalId: string;
  debtorId: string;
  creditor: string;
  product: string;
  balance: Money;
  breakdown: { principal: Money | null; interest: Money | null; fees: Money | null } | null;
  dueDate: string;
  segment: string | null;
  status: AccountStatus;
  pausedReason: string | null;
  /** The debtor's IANA time zone. */
  timeZone: string;
}

export interface PlanRecord {
  id: string;
  accountId: string;
  status: PlanStatus;
  total: Money;
  downPayment: Money | null;
  count: number;
  frequency: 'weekly' | 'biweekly' | 'monthly';
  firstDueDate: string;
  lastDueDate: string;
  installments: Array<{ id: string; number: number; kind: 'down_payment' | 'installment'; amount: Money; dueDate: string; paid: Money; status: InstallmentStatus }>;
}

export interface PromiseRecord {
  id: string;
  accountId: string;
  amount: Money;
  dueDate: string;
  madeAt: Date;
  status: StoredPromiseStatus;
  paid: Money;
  conversationId: string | null;
}
