import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { PLAN_EACH_TIME } from '../adapters/db/prepareRepeatedStatements';
import type { DB } from '../adapters/db/schema';
import type { DecidedAccount } from '../core/outreach/decideDebtorOutreach';
import type { OutreachDecision } from '../core/outreach/decideOutreach';

type Send = DecidedAccount & { decision: Extract<OutreachDecision, { action: 'send' }> };

/**
 * Writes a decided sweep batch in the caller's transaction, the one that locked its accounts (lockDueAccounts) and
 * its debtors' contact locks (loadOutreachAccounts with lockDebtors): for each 'send', the outreach_sends row under
 * its unique key (account, step, local date) — a step an earlier run already wrote is left out — then its
 * conversation (the open one at that address, or a new closed record of the outreach: a reply opens the flow, which
 * verifies identity first) and the 'proactive' outbox row (with the WhatsApp Content template when the window is
 * closed; its transcript message is written by the sender); an audit event per decision that is not idle; and every
 * account's next action. Returns how many steps it wrote. Does I/O.
 *
 * With `discardPlans` it starts with DISCARD PLANS: the foreign-key checks of these inserts run plans that each
 * pooled session caches, and a plan cached while conversations was nearly empty (a first campaign) scans the whole
 * table for every row it checks, which grows with every batch. A plan made once the tables hold a few batches is an
 * index lookup and stays one, so the sweep discards them in its first batches only: discarding every batch also
 * threw away the prepared plans of the sweep's own statements, and planning them again cost more than the batch's reads.
 */
export async function writeOutreachBatch(trx: Kysely<DB>, batch: readonly DecidedAccount[], opts: { now: Date; discardPlans?: boolean }): Promise<number> {
  if (opts.discardPlans) await sql`DISCARD PLANS`.execute(trx);
  const sends = batch.filter((d): d is Send => d.decision.action === 'send');
  const written = await recordSends(trx, sends, opts.now);
  await writeOutbox(trx, written, opts.now);
  await auditDecisions(trx, batch, new Set(written.map((w) => w.account.accountId)), opts.now);
  await setNextActions(trx, batch, opts.now);
  return written.length;
}

/**
 * The statements below pass each column as one array parameter and insert `FROM unnest(...)`: a VALUES list of a few
 * hundred rows of fifteen placeholders each cost more to build here and to parse and plan in PostgreSQL than the
 * rows cost to insert, and the text of an unnest statement is the same every batch.
 */
async function recordSends(trx: Kysely<DB>, sends: readonly Send[], now: Date): Promise<Array<Send & { outboxId: string }>> {
  if (sends.length === 0) return [];
  const withIds = sends.map((s) => ({ ...s, outboxId: randomUUID() }));
  const column = <T>(pick: (s: (typeof withIds)[number]) => T) => sql.val(withIds.map(pick));
  const inserted = await sql<{ outboxId: string }>`
    INSERT INTO outreach_sends (account_id, step, local_date, cadence_id, channel, outbox_id, created_at)
    SELECT v.account_id, v.step, v.local_date, v.cadence_id, v.channel, v.outbox_id, ${now}
    FROM unnest(${column((s) => s.account.accountId)}::uuid[], ${column((s) => s.decision.step.stepId)}::text[], ${column((s) => s.decision.step.date)}::text[],
      ${column((s) => s.decision.step.cadenceId)}::text[], ${column((s) => s.decision.channel)}::text[], ${column((s) => s.outboxId)}::uuid[])
      AS v(account_id, step, local_date, cadence_id, channel, outbox_id)
    ON CONFLICT DO NOTHING
    RETURNING outbox_id`.execute(trx);
  const fresh = new Set(inserted.rows.map((r) => r.outboxId));
  return withIds.filter((s) => fresh.has(s.outboxId));
}

/**
 * The outbox rows, in the conversation at each address. No transcript row yet: the sender writes it when it first
 * handles the row (recordSendOutcome), so the sweep does not pay the console's full-text index for every message.
 */
async function writeOutbox(trx: Kysely<DB>, written: ReadonlyArray<Send & { outboxId: string }>, now: Date): Promise<void> {
  if (written.length === 0) return;
  const conversations = await conversationsFor(trx, written, now);
  const column = <T>(pick: (w: Send & { outboxId: string }) => T) => sql.val(written.map(pick));
  const template = (w: Send) => `outreach:${w.decision.step.cadenceId}:${w.decision.step.template}`;
  const variables = (w: Send) => (w.decision.message.contentVariables ? JSON.stringify(w.decision.message.contentVariables) : null);
  await sql`
    INSERT INTO outbox (id, conversation_id, channel, to_address, body, template, purpose, content_sid, content_variables, next_attempt_at, created_at, updated_at)
    SELECT v.id, v.conversation_id, v.channel, v.to_address, v.body, v.template, 'proactive', v.content_sid, v.content_variables::jsonb, ${now}, ${now}, ${now}
    FROM unnest(${column((w) => w.outboxId)}::uuid[], ${column((w) => conversations.get(`${w.decision.channel}|${w.decision.address}`) ?? null)}::uuid[],
      ${column((w) => w.decision.channel)}::text[], ${column((w) => w.decision.address)}::text[], ${column((w) => w.decision.message.body)}::text[],
      ${column(template)}::text[], ${column((w) => w.decision.message.contentSid)}::text[], ${column(variables)}::text[])
      AS v(id, conversation_id, channel, to_address, body, template, content_sid, content_variables)`.execute(trx);
}

/** The open conversation at each (channel, address), opening a closed outreach record where there is none. */
async function conversationsFor(trx: Kysely<DB>, written: readonly Send[], now: Date): Promise<Map<string, string>> {
  const keyOf = (channel: string, address: string) => `${channel}|${address}`;
  const addresses = [...new Set(written.map((w) => w.decision.address))];
  const channels = [...new Set(written.map((w) => w.decision.channel))];
  const open = await sql<{ id: string; channel: string; address: string }>`${sql.raw(PLAN_EACH_TIME)}
    SELECT id, channel, address FROM conversations
    WHERE status <> 'ended' AND channel = ANY(${sql.val(channels)}::text[]) AND address = ANY(${sql.val(addresses)}::text[])`.execute(trx);
  const found = new Map(open.rows.map((c) => [keyOf(c.channel, c.address), c.id]));
  const missing = new Map<string, Send>();
  for (const w of written) if (!found.has(keyOf(w.decision.channel, w.decision.address))) missing.set(keyOf(w.decision.channel, w.decision.address), w);
  if (missing.size > 0) {
    const opened = [...missing.values()];
    const created = await sql<{ id: string; channel: string; address: string }>`
      INSERT INTO conversations (debtor_id, channel, address, flow_id, status, created_at, updated_at)
      SELECT v.debtor_id, v.channel, v.address, 'outreach', 'ended', ${now}, ${now}
      FROM unnest(${sql.val(opened.map((w) => w.account.debtorId))}::uuid[], ${sql.val(opened.map((w) => w.decision.channel))}::text[], ${sql.val(opened.map((w) => w.decision.address))}::text[])
        AS v(debtor_id, channel, address)
      RETURNING id, channel, address`.execute(trx);
    for (const c of created.rows) found.set(keyOf(c.channel, c.address), c.id);
  }
  return found;
}

async function auditDecisions(trx: Kysely<DB>, batch: readonly DecidedAccount[], written: ReadonlySet<string>, now: Date): Promise<void> {
  const events = batch
    .filter((d) => d.decision.step !== null && (d.decision.action !== 'send' || written.has(d.account.accountId)))
    .map(({ account, decision }) => ({
      debtorId: account.debtorId, code: `OUTREACH.${decision.action.toUpperCase()}`,
      data: JSON.stringify({ accountId: account.accountId, cadence: decision.step?.cadenceId, step: decision.step?.stepId, date: decision.step?.date, channel: decision.channel, reason: decision.reason, nextAllowedAt: decision.nextAllowedAt }),
    }));
  if (events.length === 0) return;
  await sql`
    INSERT INTO audit_events (at, actor, debtor_id, code, data)
    SELECT ${now}, 'outreach', v.debtor_id, v.code, v.data::jsonb
    FROM unnest(${sql.val(events.map((e) => e.debtorId))}::uuid[], ${sql.val(events.map((e) => e.code))}::text[], ${sql.val(events.map((e) => e.data))}::text[]) AS v(debtor_id, code, data)`.execute(trx);
}

/** Each account's next action, never at or before now, so a sweep cannot loop on one (the batch holds their locks). */
async function setNextActions(trx: Kysely<DB>, batch: readonly DecidedAccount[], now: Date): Promise<void> {
  if (batch.length === 0) return;
  const ids = batch.map((d) => d.account.accountId);
  const next = batch.map((d) => (d.decision.nextActionAt ? d.decision.nextActionAt.toISOString() : null));
  await sql`
    UPDATE outreach_schedule s SET next_at = CASE WHEN v.next_at <= ${now} THEN ${new Date(now.getTime() + 60_000)} ELSE v.next_at END
    FROM unnest(${sql.val(ids)}::uuid[], ${sql.val(next)}::timestamptz[]) AS v(id, next_at)
    WHERE s.account_id = v.id`.execute(trx);
}
