import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ChannelKind } from '../../../ports/channel';
import { contactChannelOf } from '../contactChannelOf';
import type { DB } from '../schema';

/** Everything one conversation batch writes (ids of messages and outbox rows are made by the caller). */
export interface ConversationBatchWrite {
  now: Date;
  channel: ChannelKind;
  address: string;
  conversation: {
    id: string;
    isNew: boolean;
    debtorId: string | null;
    session: Record<string, unknown> | null;
    status: 'active' | 'ended' | 'unknown_contact';
    handoff: boolean;
  };
  messages: ReadonlyArray<{ id: string; direction: 'in' | 'out'; body: string; template: string | null; inboxId: string; outboxId: string | null; providerMessageId: string | null; status: string }>;
  outbox: ReadonlyArray<{ id: string; messageId: string; inboxId: string; seq: number; body: string; template: string | null; allowAfterOptOut: boolean }>;
  audits: ReadonlyArray<{ actor: string; code: string; data: Record<string, unknown> }>;
  timers: { upsert: ReadonlyArray<{ timer: string; dueAt: string }>; cancel: readonly string[]; clearAll: boolean };
  optOut: boolean;
  /** Inbox rows processed by this batch: marked done. */
  doneIds: readonly string[];
}

/**
 * Writes a conversation batch in ONE statement (data-modifying CTEs): the conversation (insert or update), the
 * inbound and outbound messages and outbox rows in order, audit events, timer changes, consent withdrawal on
 * opt-out (on the contact channel, contactChannelOf, for an address no debtor owns), and the inbox rows marked done. Rows arrive as JSON arrays so the statement text never changes.
 * Run it inside the conversation transaction. Does I/O.
 */
export async function writeConversationBatch(db: Kysely<DB>, w: ConversationBatchWrite): Promise<void> {
  const c = w.conversation;
  const session = c.session ? JSON.stringify(c.session) : null;
  const flow = (key: string) => (c.session && typeof c.session[key] === 'string' ? c.session[key] : null);
  const cancelled = w.timers.cancel.length > 0 || w.timers.clearAll;
  await sql`
    WITH conv_new AS (
      INSERT INTO conversations (id, debtor_id, channel, address, flow_id, flow_version, state, session, status, handoff, last_inbound_at, created_at, updated_at)
      SELECT ${c.id}::uuid, ${c.debtorId}::uuid, ${w.channel}, ${w.address}, ${flow('flowId')}, ${flow('flowVersion')}, ${flow('state')},
             ${session}::jsonb, ${c.status}, ${c.handoff}, ${w.now}, ${w.now}, ${w.now}
      WHERE ${c.isNew}),
    conv_upd AS (
      UPDATE conversations SET session = coalesce(${session}::jsonb, session), flow_id = coalesce(${flow('flowId')}, flow_id),
        flow_version = coalesce(${flow('flowVersion')}, flow_version), state = coalesce(${flow('state')}, state),
        status = ${c.status}, handoff = ${c.handoff}, last_inbound_at = ${w.now}, updated_at = ${w.now}
      WHERE id = ${c.id}::uuid AND NOT ${c.isNew}),
    msg AS (
      INSERT INTO messages (id, conversation_id, direction, body, template, inbox_id, outbox_id, provider_message_id, status, created_at)
      SELECT m.id, ${c.id}::uuid, m.direction, m.body, m.template, m.inbox_id, m.outbox_id, m.provider_message_id, m.status, ${w.now}
      FROM jsonb_to_recordset(${JSON.stringify(w.messages.map(snake))}::jsonb)
        AS m(id uuid, direction text, body text, template text, inbox_id uuid, outbox_id uuid, provider_message_id text, status text, ord bigint)
      ORDER BY m.ord),
    outb AS (
      INSERT INTO outbox (id, conversation_id, message_id, inbox_id, seq, channel, to_address, body, template, allow_after_opt_out, next_attempt_at, created_at, updated_at)
      SELECT o.id, ${c.id}::uuid, o.message_id, o.inbox_id, o.seq, ${w.channel}, ${w.address}, o.body, o.template, o.allow_after_opt_out, ${w.now}, ${w.now}, ${w.now}
      FROM jsonb_to_recordset(${JSON.stringify(w.outbox.map(snake))}::jsonb)
        AS o(id uuid, message_id uuid, inbox_id uuid, seq integer, body text, template text, allow_after_opt_out boolean, ord bigint)
      ORDER BY o.ord),
    aud AS (
      INSERT INTO audit_events (at, actor, conversation_id, debtor_id, code, data)
      SELECT ${w.now}, a.actor, ${c.id}::uuid, ${c.debtorId}::uuid, a.code, a.data
      FROM jsonb_to_recordset(${JSON.stringify(w.audits)}::jsonb) AS a(actor text, code text, data jsonb)),
    timer_del AS (
      DELETE FROM scheduled_timers
      WHERE ${cancelled} AND conversation_id = ${c.id}::uuid AND NOT (timer = ANY(${w.timers.upsert.map((t) => t.timer)}::text[]))
        AND (${w.timers.clearAll} OR timer = ANY(${[...w.timers.cancel]}::text[]))),
    timer_up AS (
      INSERT INTO scheduled_timers (conversation_id, timer, due_at)
      SELECT ${c.id}::uuid, t.timer, t.due_at FROM jsonb_to_recordset(${JSON.stringify(w.timers.upsert.map(snake))}::jsonb) AS t(timer text, due_at timestamptz)
      ON CONFLICT (conversation_id, timer) DO UPDATE SET due_at = excluded.due_at),
    consent AS (
      UPDATE contact_points SET consent = false, consent_updated_at = ${w.now}
      WHERE ${w.optOut} AND address = ${w.address} AND (debtor_id = ${c.debtorId}::uuid OR (${c.debtorId}::uuid IS NULL AND channel = ${contactChannelOf(w.channel)}))),
    done AS (
      UPDATE inbox SET status = 'done', processed_at = ${w.now}, locked_until = NULL, error_code = NULL
      WHERE id = ANY(${[...w.doneIds]}::uuid[]))
    SELECT 1`.execute(db);
}

/** camelCase keys to the snake_case column names jsonb_to_recordset matches, plus `ord` (the row's index) to keep order. */
function snake(row: object, ord: number): Record<string, unknown> {
  return { ...Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`), v])), ord };
}
