import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ChannelKind } from '../../ports/channel';
import type { CollectionsTables } from './collections/collectionsTables';
import type { ConsoleTables } from './console/consoleTables';

/**
 * The typed shape of the database for Kysely. Property names are camelCase; the CamelCasePlugin maps them to
 * the snake_case columns the migrations create. Later issues (accounts, payments, promises, plans) add tables here.
 */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T | string, T | string>;

export type InboxStatus = 'pending' | 'processing' | 'done' | 'failed';
export type InboxKind = 'message' | 'timeout' | 'event';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'delivered' | 'failed' | 'dropped';
/** Why an outbox row exists; decides which compliance rules apply to it (migration 0660). */
export type OutboxPurpose = 'reply' | 'proactive' | 'agent';
export type MessageDirection = 'in' | 'out';
export type ConversationStatus = 'active' | 'ended' | 'unknown_contact';

export interface DebtorsTable {
  id: Generated<string>;
  externalId: string;
  firstName: string;
  lastName: ColumnType<string, string | undefined, string>;
  locale: string;
  timezone: string;
  country: string;
  /** ISO 3166-2 subdivision from the portfolio (e.g. ES-MD); its holidays close days too (migration 0921). */
  region: ColumnType<string | null, string | null | undefined, string | null>;
  /** Demo/test facts until the collections issue adds accounts (validated where it is read). */
  profile: Json<Record<string, unknown>>;
  /** Set when a third party told us the debtor died: collection stops (migration 0650). */
  deceasedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** A contact time the debtor asked for, in their time zone (shape in migration 0650); validated where read. */
  /** A shipped demo debtor (seedDemo sets it; no import can): the only ones the simulator opens (migration 0760). */
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  preferredContact: ColumnType<Record<string, unknown> | null, Record<string, unknown> | string | null | undefined, Record<string, unknown> | string | null>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface ContactPointsTable {
  id: Generated<string>;
  debtorId: string;
  channel: ChannelKind;
  address: string;
  consent: ColumnType<boolean, boolean | undefined, boolean>;
  consentUpdatedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  createdAt: CreatedAt;
}

/** The person at (contact channel, address) asked not to be written to; no import touches it (migration 0650). */
export interface AddressOptOutsTable {
  channel: ChannelKind;
  address: string;
  optedOutAt: ColumnType<Date, Date | string, Date | string>;
  /** What recorded it: 'conversation' (STOP and the like), 'migrated', … */
  source: string;
  conversationId: string | null;
}

export interface ConversationsTable {
  id: Generated<string>;
  /** Null for an address no debtor owns: it gets a neutral reply and no debt data. */
  debtorId: string | null;
  channel: ChannelKind;
  address: string;
  flowId: string | null;
  flowVersion: string | null;
  state: string | null;
  session: Json<Record<string, unknown>> | null;
  lastInboundAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The bot is silent while true: a person is wanted or has it (contracts.md); every sender reads this flag. */
  handoff: ColumnType<boolean, boolean | undefined, boolean>;
  /** Since when a person is wanted (set by a trigger when handoff turns true; cleared with it). Migration 0900. */
  handoffAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The console user who has the conversation (cleared by the trigger when handoff turns false). */
  takenBy: ColumnType<string | null, string | null | undefined, string | null>;
  takenAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  status: ConversationStatus;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface MessagesTable {
  id: Generated<string>;
  /** Transcript order (several rows share one transaction timestamp). */
  position: Generated<string>;
  conversationId: string;
  direction: MessageDirection;
  body: string;
  template: string | null;
  inboxId: string | null;
  outboxId: string | null;
  providerMessageId: string | null;
  status: string;
  /** The console user who wrote this outbound message; null for the bot (migration 0900). */
  sentBy: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: CreatedAt;
}

export interface InboxTable {
  id: Generated<string>;
  /** Arrival order; messages of one address are processed in this order. */
  seq: Generated<string>;
  kind: ColumnType<InboxKind, InboxKind | undefined, InboxKind>;
  channel: ChannelKind;
  providerMessageId: string;
  fromAddress: string;
  toAddress: string | null;
  body: string;
  payload: Json<Record<string, unknown>>;
  receivedAt: ColumnType<Date, Date | string, never>;
  status: ColumnType<InboxStatus, InboxStatus | undefined, InboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  lockedUntil: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  processedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  errorCode: string | null;
  /** Owner id (claim_owners) of the process that claimed the row (migration 0720). */
  claimedBy: string | null;
  createdAt: CreatedAt;
}

export interface OutboxTable {
  id: Generated<string>;
  conversationId: string;
  /** Creation order; replies of one conversation go out in this order. */
  position: Generated<string>;
  messageId: string | null;
  inboxId: string | null;
  /** Position of this reply among the replies to one inbound row; unique(inbox_id, seq). */
  seq: ColumnType<number, number | undefined, number>;
  channel: ChannelKind;
  toAddress: string;
  body: string;
  template: string | null;
  /** The opt-out confirmation is written in the same transaction as the opt-out and may still go out. */
  allowAfterOptOut: ColumnType<boolean, boolean | undefined, boolean>;
  purpose: ColumnType<OutboxPurpose, OutboxPurpose | undefined, OutboxPurpose>;
  /** WhatsApp approved template (Twilio Content API) to send when the 24-hour window is closed. */
  contentSid: string | null;
  contentVariables: ColumnType<Record<string, string> | null, Record<string, string> | string | null | undefined, Record<string, string> | string | null>;
  /** The compliance gate's reason code while the row waits for its next allowed moment. */
  holdReason: string | null;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  nextAttemptAt: ColumnType<Date, Date | string | undefined, Date | string>;
  lockedUntil: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  providerMessageId: string | null;
  providerStatus: string | null;
  errorCode: string | null;
  sentAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Owner id (claim_owners) of the process that claimed the row (migration 0720). */
  claimedBy: string | null;
  /** Set while an attempt may have reached the provider unrecorded; the provider is asked before sending again. */
  unconfirmedSince: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When the provider was first called for this row; the retry budget runs from it. */
  firstAttemptAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Notice code: an earlier reply of the conversation failed for good, say so before this one. */
  notice: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface ClaimOwnersTable {
  id: string;
  lockKey: Generated<number>;
  role: string;
  host: string;
  pid: number;
  startedAt: CreatedAt;
  postmasterStartedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AuditEventsTable {
  id: Generated<string>;
  at: CreatedAt;
  actor: string;
  conversationId: string | null;
  debtorId: string | null;
  code: string;
  /** Ids, codes and amounts only: never message bodies or personal data. */
  data: Json<Record<string, unknown>>;
  /** Write order (bigserial, as a string): events of one transaction share `at`, so sort by this. */
  seq: Generated<string>;
}

export interface ScheduledTimersTable {
  id: Generated<string>;
  conversationId: string;
  timer: string;
  dueAt: ColumnType<Date, Date | string, Date | string>;
  createdAt: CreatedAt;
}

export interface DB extends CollectionsTables, ConsoleTables {
  debtors: DebtorsTable;
  contactPoints: ContactPointsTable;
  addressOptOuts: AddressOptOutsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  inbox: InboxTable;
  outbox: OutboxTable;
  auditEvents: AuditEventsTable;
  scheduledTimers: ScheduledTimersTable;
  claimOwners: ClaimOwnersTable;
}

export type DebtorRow = Selectable<DebtorsTable>;
export type NewDebtor = Insertable<DebtorsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type ConversationUpdate = Updateable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type InboxRow = Selectable<InboxTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type ContactPointRow = Selectable<ContactPointsTable>;
