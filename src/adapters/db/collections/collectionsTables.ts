import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely shapes of the collections tables (migration 0200_collections), merged into DB by schema.ts.
 * bigint money columns come back from pg as strings (exact); read them with toMinor(). Calendar dates are ISO text.
 */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T | string, T | string>;
/** bigint minor units: pg returns a string so nothing is rounded; written as a number or a digit string. */
type Minor = ColumnType<string, number | string, number | string>;
type NullableMinor = ColumnType<string | null, number | string | null | undefined, number | string | null>;
type Instant = ColumnType<Date, Date | string, Date | string>;
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type AccountStatus = 'active' | 'paid' | 'disputed' | 'closed';
export type PlanStatus = 'active' | 'completed' | 'broken' | 'cancelled';
export type InstallmentStatus = 'open' | 'partial' | 'paid';
export type StoredPromiseStatus = 'pending' | 'kept' | 'partially_kept' | 'broken' | 'cancelled';
export type VerificationFactorKind = 'document_last4' | 'birth_date';
export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

export interface AccountsTable {
  id: Generated<string>;
  debtorId: string;
  /** The creditor's account id (CSV column account_id). */
  externalId: string;
  creditor: string;
  product: string;
  currency: string;
  balanceMinor: Minor;
  principalMinor: NullableMinor;
  interestMinor: NullableMinor;
  feesMinor: NullableMinor;
  dueDate: string;
  segment: string | null;
  status: ColumnType<AccountStatus, AccountStatus | undefined, AccountStatus>;
  pausedReason: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface PaymentsTable {
  id: Generated<string>;
  externalId: string;
  accountId: string;
  amountMinor: Minor;
  currency: string;
  paidAt: Instant;
  source: string;
  appliedMinor: Minor;
  overpaymentMinor: Minor;
  balanceAfterMinor: Minor;
  /** The response returned when the payment was first recorded; a replay returns it again. */
  result: ColumnType<Record<string, unknown>, Record<string, unknown> | string | undefined, Record<string, unknown> | string>;
  createdAt: CreatedAt;
}

export interface PlansTable {
  id: Generated<string>;
  accountId: string;
  conversationId: string | null;
  status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>;
  totalMinor: Minor;
  currency: string;
  downPaymentMinor: NullableMinor;
  installmentCount: number;
  frequency: 'weekly' | 'biweekly' | 'monthly';
  firstDueDate: string;
  lastDueDate: string;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface PlanInstallmentsTable {
  id: Generated<string>;
  planId: string;
  number: number;
  kind: 'down_payment' | 'installment';
  amountMinor: Minor;
  dueDate: string;
  paidMinor: ColumnType<string, number | string | undefined, number | string>;
  status: ColumnType<InstallmentStatus, InstallmentStatus | undefined, InstallmentStatus>;
}

export interface PromisesTable {
  id: Generated<string>;
  accountId: string;
  amountMinor: Minor;
  currency: string;
  dueDate: string;
  madeAt: Instant;
  status: ColumnType<StoredPromiseStatus, StoredPromiseStatus | undefined, StoredPromiseStatus>;
  paidMinor: ColumnType<string, number | string | undefined, number | string>;
  conversationId: string | null;
  messageId: string | null;
  evaluatedAt: NullableInstant;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface DisputesTable {
  id: Generated<string>;
  accountId: string;
  conversationId: string | null;
  reasonCode: ColumnType<string, string | undefined, string>;
  status: ColumnType<'open' | 'resolved' | 'rejected', 'open' | 'resolved' | 'rejected' | undefined, 'open' | 'resolved' | 'rejected'>;
  createdAt: CreatedAt;
  resolvedAt: NullableInstant;
}

export interface VerificationFactorsTable {
  debtorId: string;
  kind: VerificationFactorKind;
  /** Hex HMAC-SHA256 of the normalised factor keyed by `salt` (hashVerificationFactor); never the factor itself. */
  hash: string;
  salt: string;
  updatedAt: UpdatedAt;
}

export interface VerificationStateTable {
  debtorId: string;
  attempts: ColumnType<number, number | undefined, number>;
  lockedUntil: NullableInstant;
  /** When the debtor last passed identity verification (migration 0840). */
  verifiedAt: NullableInstant;
  updatedAt: UpdatedAt;
}

export interface WrongPartyMarksTable {
  id: Generated<string>;
  channel: string;
  address: string;
  debtorId: string;
  conversationId: string | null;
  createdAt: CreatedAt;
}

export interface ApprovalRequestsTable {
  id: Generated<string>;
  debtorId: string;
  accountId: string | null;
  conversationId: string | null;
  payload: Json<Record<string, unknown>>;
  status: ColumnType<ApprovalStatus, ApprovalStatus | undefined, ApprovalStatus>;
  decidedBy: string | null;
  decidedAt: NullableInstant;
  createdAt: CreatedAt;
}

export interface CollectionEventsTable {
  id: Generated<string>;
  /** e.g. payment_received; the conversation receives it as a system event of this name. */
  name: string;
  /** What the event is about (a payment id); unique with name so an event is queued once. */
  refId: string;
  debtorId: string;
  conversationId: string | null;
  data: Json<Record<string, unknown>>;
  createdAt: CreatedAt;
  dispatchedAt: NullableInstant;
}

/** One cadence step written for an account, unique (account, step, local date of the step) (migration 0820). */
export interface OutreachSendsTable {
  accountId: string;
  step: string;
  localDate: string;
  cadenceId: string;
  channel: string;
  outboxId: string | null;
  createdAt: Instant;
}

/**
 * When the outreach sweep next decides about an account; null: only an event wakes it; '-infinity': due now. One row
 * per account, made by a trigger when the account is inserted (migrations 0820, 0972).
 */
export interface OutreachScheduleTable {
  accountId: string;
  nextAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A background portfolio import (migration 0700); summary and error are validated where they are read. */
export interface PortfolioImportsTable {
  id: string;
  actor: string;
  status: 'running' | 'succeeded' | 'failed';
  encoding: string;
  bytesTotal: ColumnType<string, number | string, number | string>;
  summary: Json<unknown> | null;
  error: Json<unknown> | null;
  startedAt: Instant;
  finishedAt: NullableInstant;
}

/** The collections tables, keyed as Kysely sees them (camelCase). */
export interface CollectionsTables {
  accounts: AccountsTable;
  payments: PaymentsTable;
  plans: PlansTable;
  planInstallments: PlanInstallmentsTable;
  promises: PromisesTable;
  disputes: DisputesTable;
  verificationFactors: VerificationFactorsTable;
  verificationState: VerificationStateTable;
  wrongPartyMarks: WrongPartyMarksTable;
  approvalRequests: ApprovalRequestsTable;
  collectionEvents: CollectionEventsTable;
  portfolioImports: PortfolioImportsTable;
  outreachSends: OutreachSendsTable;
  outreachSchedule: OutreachScheduleTable;
}
