import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ChannelKind } from '../../../ports/channel';
import { contactChannelOf } from '../contactChannelOf';
import type { DB } from '../schema';

/** Everything one conversation batch writes (ids of messages and outbox rows are made by the caller). */
export interface ConversationBatchWrite {
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
  messages: ReadonlyArray<{ id: string; direction: 'in' | 'out'; body: string; template: string | null; inboxId: string; outboxId: string | null; providerMessageId: string | null; status: string; masked?: boolean }>;
  outbox: ReadonlyArray<{ id: string; messageId: string; inboxId: string; seq: number; body: string; template: string | null; allowAfterOptOut: boolean }>;
  audits: ReadonlyArray<{ actor: string; code: string; data: Record<string, unknown> }>;
  timers: { upsert: ReadonlyArray<{ timer: string; dueAt: string }>; cancel: readonly string[]; clearAll: boolean };
  /** The person opted out: an address_opt_outs row (kept if there is one) and consent withdrawn. */
  optOut: boolean;
  /** The inbox row that opted out: its replies (the confirmation) are kept, every other pending reply to the address is dropped. */
  optOutInboxId?: string | null;
  /** The person wrote an explicit re-subscribe: the address_opt_outs row goes and consent on the address is given back. */
  resubscribe?: boolean;
  /** Inbox rows processed by this batch: marked done. */
  doneIds: readonly string[];
}

/**
 * Writes the batches of several conversations (distinct addresses) in ONE statement (data-modifying CTEs): each
 * conversation inserted or updated, the inbound and outbound messages and outbox rows in order, audit events,
 * timer changes, consent withdrawal on opt-out (on the contact channel, contactChannelOf, for an address no debtor
 * owns) with its address_opt_outs row, a re-subscribe (the row removed, consent given back where the opt-out withdrew it), and the inbox rows marked done (a verification answer's body masked there as in messages). Rows travel as JSON arrays, so the statement text is the same for one
 * conversation or fifty and PostgreSQL plans it the same way. Run it inside the transaction that holds the
 * conversations' locks. Does I/O.
 */
export async function writeConversationBatches(db: Kysely<DB>, now: Date, batches: readonly ConversationBatchWrite[]): Promise<void> {
  if (batches.length === 0) return;
  const rows = collectRows(batches);
  await sql`
    WITH conv_new AS (
      INSERT INTO conversations (id, debtor_id, channel, address, flow_id, flow_version, state, session, status, handoff, last_inbound_at, created_at, updated_at)
      SELECT c.id, c.debtor_id, c.channel, c.address, c.flow_id, c.flow_version, c.state, c.session, c.status, c.handoff, ${now}, ${now}, ${now}
      FROM jsonb_to_recordset(${json(rows.created)}::jsonb)
        AS c(id uuid, debtor_id uuid, channel text, address text, flow_id text, flow_version text, state text, session jsonb, status text, handoff boolean)),
    conv_upd AS (
      UPDATE conversations SET session = coalesce(u.session, conversations.session), flow_id = coalesce(u.flow_id, conversations.flow_id),
        flow_version = coalesce(u.flow_version, conversations.flow_version), state = coalesce(u.state, conversations.state),
        status = u.status, handoff = u.handoff, last_inbound_at = ${now}, updated_at = ${now}
      FROM jsonb_to_recordset(${json(rows.updated)}::jsonb)
        AS u(id uuid, flow_id text, flow_version text, state text, session jsonb, status text, handoff boolean)
      WHERE conversations.id = u.id AND conversations.id = ANY(${rows.updatedIds}::uuid[])),
    msg AS (
      INSERT INTO messages (id, conversation_id, direction, body, template, inbox_id, outbox_id, provider_message_id, status, created_at)
      SELECT m.id, m.conversation_id, m.direction, m.body, m.template, m.inbox_id, m.outbox_id, m.provider_message_id, m.status, ${now}
      FROM jsonb_to_recordset(${json(rows.messages)}::jsonb)
        AS m(id uuid, conversation_id uuid, direction text, body text, template text, inbox_id uuid, outbox_id uuid, provider_message_id text, status text, ord bigint)
      ORDER BY m.ord),
    outb AS (
      INSERT INTO outbox (id, conversation_id, message_id, inbox_id, seq, channel, to_address, body, template, allow_after_opt_out, next_attempt_at, created_at, updated_at)
      SELECT o.id, o.conversation_id, o.message_id, o.inbox_id, o.seq, o.channel, o.to_address, o.body, o.template, o.allow_after_opt_out, ${now}, ${now}, ${now}
      FROM jsonb_to_recordset(${json(rows.outbox)}::jsonb)
        AS o(id uuid, conversation_id uuid, message_id uuid, inbox_id uuid, seq integer, channel text, to_address text, body text, template text,
             allow_after_opt_out boolean, ord bigint)
      ORDER BY o.ord),
    aud AS (
      INSERT INTO audit_events (at, actor, conversation_id, debtor_id, code, data)
      SELECT ${now}, a.actor, a.conversation_id, a.debtor_id, a.code, a.data
      FROM jsonb_to_recordset(${json(rows.audits)}::jsonb) AS a(actor text, conversation_id uuid, debtor_id uuid, code text, data jsonb, ord bigint)
      ORDER BY a.ord),
    timer_del AS (
      DELETE FROM scheduled_timers USING jsonb_to_recordset(${json(rows.timerCuts)}::jsonb) AS d(conversation_id uuid, clear_all boolean, cancel text[], keep text[])
      WHERE scheduled_timers.conversation_id = d.conversation_id AND scheduled_timers.conversation_id = ANY(${rows.cutIds}::uuid[])
        AND NOT (scheduled_timers.timer = ANY(d.keep))
        AND (d.clear_all OR scheduled_timers.timer = ANY(d.cancel))),
    timer_up AS (
      INSERT INTO scheduled_timers (conversation_id, timer, due_at)
      SELECT t.conversation_id, t.timer, t.due_at FROM jsonb_to_recordset(${json(rows.timers)}::jsonb) AS t(conversation_id uuid, timer text, due_at timestamptz)
      ON CONFLICT (conversation_id, timer) DO UPDATE SET due_at = excluded.due_at),
    consent AS (
      UPDATE contact_points SET consent = false, consent_updated_at = ${now}
      FROM jsonb_to_recordset(${json(rows.optOuts)}::jsonb) AS o(address text, debtor_id uuid, contact_channel text)
      WHERE contact_points.address = o.address
        AND (contact_points.debtor_id = o.debtor_id OR (o.debtor_id IS NULL AND contact_points.channel = o.contact_channel))),
    opt_out AS (
      INSERT INTO address_opt_outs (channel, address, opted_out_at, source, conversation_id)
      SELECT o.contact_channel, o.address, ${now}, 'inbound', o.conversation_id
      FROM jsonb_to_recordset(${json(rows.optOuts)}::jsonb) AS o(address text, contact_channel text, conversation_id uuid)
      ON CONFLICT (channel, address) DO NOTHING),
    resub AS (
      DELETE FROM address_opt_outs USING jsonb_to_recordset(${json(rows.resubscribes)}::jsonb) AS r(address text, contact_channel text)
      WHERE address_opt_outs.channel = r.contact_channel AND address_opt_outs.address = r.address),
    resub_consent AS (
      UPDATE contact_points SET consent = true, consent_updated_at = ${now}
      FROM jsonb_to_recordset(${json(rows.resubscribes)}::jsonb) AS r(address text, debtor_id uuid, contact_channel text)
      WHERE contact_points.address = r.address
        AND (contact_points.debtor_id = r.debtor_id OR (r.debtor_id IS NULL AND contact_points.channel = r.contact_channel))),
    done AS (
      UPDATE inbox SET status = 'done', processed_at = ${now}, locked_until = NULL, error_code = NULL,
        body = coalesce((SELECT k.body FROM jsonb_to_recordset(${json(rows.maskedInbox)}::jsonb) AS k(id uuid, body text) WHERE k.id = inbox.id), inbox.body)
      WHERE id = ANY(${rows.doneIds}::uuid[]))
    SELECT 1`.execute(db);
  if (rows.optOuts.length > 0) await dropQueuedReplies(db, now, rows.optOuts);
}

/**
 * Opt-out wins over what was queued before it: replies still pending to an address that just opted out (on its
 * contact channel: Baileys and Twilio WhatsApp share one) are dropped with COMPLIANCE.OPTED_OUT, so only the opt-out's
 * own confirmation (the replies of its inbox row) goes out. A separate statement, run only when
 * someone opted out. Does I/O.
 */
async function dropQueuedReplies(db: Kysely<DB>, now: Date, optOuts: readonly object[]): Promise<void> {
  await sql`
    WITH dropped AS (
      UPDATE outbox SET status = 'dropped', error_code = 'COMPLIANCE.OPTED_OUT', updated_at = ${now}
      FROM jsonb_to_recordset(${json(optOuts)}::jsonb) AS o(address text, contact_channel text, inbox_id uuid)
      WHERE outbox.status = 'pending' AND outbox.to_address = o.address
        AND (outbox.channel = o.contact_channel OR (o.contact_channel = 'whatsapp' AND outbox.channel = 'baileys'))
        AND outbox.inbox_id IS DISTINCT FROM o.inbox_id
      RETURNING outbox.message_id)
    UPDATE messages SET status = 'dropped' FROM dropped WHERE messages.id = dropped.message_id`.execute(db);
}

/**
 * The batches flattened into the row sets of the statement, keyed by the column names jsonb_to_recordset matches
 * (built directly: renaming keys per row was a visible share of the worker's CPU), each row carrying its
 * conversation and `ord`, its write order.
 */
function collectRows(batches: readonly ConversationBatchWrite[]) {
  const rows = {
    created: [] as object[], updated: [] as object[], messages: [] as object[], outbox: [] as object[], audits: [] as object[],
    timerCuts: [] as object[], timers: [] as object[], optOuts: [] as object[], maskedInbox: [] as object[], resubscribes: [] as object[], doneIds: [] as string[],
    // The ids again as arrays: `= ANY(ids)` lets PostgreSQL look the rows up by index, where a join with the
    // JSON rows alone (of unknown count to the planner) made it scan the whole table.
    updatedIds: [] as string[], cutIds: [] as string[],
  };
  for (const w of batches) {
    const c = w.conversation;
    const id = c.id;
    const flow = (key: string) => (c.session && typeof c.session[key] === 'string' ? c.session[key] : null);
    const state = { id, flow_id: flow('flowId'), flow_version: flow('flowVersion'), state: flow('state'), session: c.session, status: c.status, handoff: c.handoff };
    if (c.isNew) rows.created.push({ ...state, debtor_id: c.debtorId, channel: w.channel, address: w.address });
    else {
      rows.updated.push(state);
      rows.updatedIds.push(id);
    }
    for (const m of w.messages) {
      rows.messages.push({
        id: m.id, conversation_id: id, direction: m.direction, body: m.body, template: m.template, inbox_id: m.inboxId, outbox_id: m.outboxId,
        provider_message_id: m.providerMessageId, status: m.status, ord: rows.messages.length,
      });
      if (m.masked) rows.maskedInbox.push({ id: m.inboxId, body: m.body });
    }
    for (const o of w.outbox) {
      rows.outbox.push({
        id: o.id, conversation_id: id, message_id: o.messageId, inbox_id: o.inboxId, seq: o.seq, channel: w.channel, to_address: w.address, body: o.body,
        template: o.template, allow_after_opt_out: o.allowAfterOptOut, ord: rows.outbox.length,
      });
    }
    for (const a of w.audits) rows.audits.push({ actor: a.actor, conversation_id: id, debtor_id: c.debtorId, code: a.code, data: a.data, ord: rows.audits.length });
    const keep = w.timers.upsert.map((t) => t.timer);
    if (w.timers.cancel.length > 0 || w.timers.clearAll) {
      rows.timerCuts.push({ conversation_id: id, clear_all: w.timers.clearAll, cancel: [...w.timers.cancel], keep });
      rows.cutIds.push(id);
    }
    for (const t of w.timers.upsert) rows.timers.push({ conversation_id: id, timer: t.timer, due_at: t.dueAt });
    if (w.optOut) rows.optOuts.push({ address: w.address, debtor_id: c.debtorId, contact_channel: contactChannelOf(w.channel), conversation_id: id, inbox_id: w.optOutInboxId ?? null });
    else if (w.resubscribe) rows.resubscribes.push({ address: w.address, debtor_id: c.debtorId, contact_channel: contactChannelOf(w.channel) });
    rows.doneIds.push(...w.doneIds);
  }
  return rows;
}

const json = (rows: readonly object[]): string => JSON.stringify(rows);
