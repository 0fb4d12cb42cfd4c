import type { PlannedDomainEffect } from './persistDomainEffects';

/** One row for the messages table (ids are made in the worker so a reply and its outbox row link in one statement). */
export interface PlannedMessage {
  id: string;
  direction: 'in' | 'out';
  body: string;
  template: string | null;
  inboxId: string;
  outboxId: string | null;
  providerMessageId: string | null;
  status: string;
  /** An inbound verification answer stored masked: its inbox row's body is masked too once done. */
  masked?: boolean;
}

export interface PlannedOutbox {
  id: string;
  messageId: string;
  inboxId: string;
  seq: number;
  body: string;
  template: string | null;
  allowAfterOptOut: boolean;
}

export interface PlannedAudit {
  actor: string;
  code: string;
  data: Record<string, unknown>;
}

/** Timer changes folded over the batch: the last operation per timer wins, so the SQL sets never overlap. */
export interface TimerPlan {
  upsert: Map<string, string>;
  cancel: Set<string>;
  /** The conversation ended: every timer not scheduled afterwards goes. */
  clearAll: boolean;
}

/** Everything one conversation's batch writes, accumulated in memory and written in one statement. */
export interface BatchWrites {
  messages: PlannedMessage[];
  outbox: PlannedOutbox[];
  audits: PlannedAudit[];
  timers: TimerPlan;
  /** The person opted out in this batch (address_opt_outs row, consent withdrawn); cleared by a later re-subscribe. */
  optOut: boolean;
  /** The inbox row whose opt-out this batch records: only its confirmation goes out, anything queued before is dropped. */
  optOutInboxId: string | null;
  /** The person wrote an explicit re-subscribe in this batch (address_opt_outs row removed); cleared by a later opt-out. */
  resubscribe: boolean;
  handoff: boolean;
  /** Domain effects (promise, plan, approval, dispute, wrong party, verification lock), written after the batch. */
  domain: PlannedDomainEffect[];
}

/** An empty accumulator. Pure. */
export function createBatchWrites(handoff: boolean): BatchWrites {
  return { messages: [], outbox: [], audits: [], timers: { upsert: new Map(), cancel: new Set(), clearAll: false }, optOut: false, optOutInboxId: null, resubscribe: false, handoff, domain: [] };
}
