import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import type { OutreachDecision } from '../core/outreach/decideOutreach';
import type { OutreachAccount } from '../core/outreach/outreachAccount';

/** One account's decision as the sweep made it. */
export interface DecidedAccount {
  account: OutreachAccount;
  decision: OutreachDecision;
}

type Send = DecidedAccount & { decision: Extract<OutreachDecision, { action: 'send' }> };

/**
 * Writes a sweep batch in one transaction: for each 'send', the outreach_sends row under its unique key
 * (account, step, local date) — a step another worker or an earlier run already wrote is left out — then its
 * conversation (the open one at that address, or a new closed record of the outreach: a reply opens the flow,
 * which verifies identity first) and the 'proactive' outbox row (with the WhatsApp Content template when the window
 * is closed; its transcript message is written by the sender); an audit event per decision that is not idle; and
 * every account's next action, unless an event moved it meanwhile (compare-and-set on the lease). Returns how many
 * steps it wrote. Does I/O.
 *
 * It starts with DISCARD PLANS: the foreign-key checks of these inserts run plans that each pooled session caches,
 * and a plan cached while conversations was nearly empty (a first campaign) scans the whole table for every row it
 * checks, which grows with every batch. Discarding them once a batch lets PostgreSQL plan them for the table as it is.
 */
export async function writeOutreachBatch(db: Kysely<DB>, batch: readonly DecidedAccount[], opts: { now: Date; leaseUntil: Date }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`DISCARD PLANS`.execute(trx);
    const sends = batch.filter((d): d is Send => d.decision.action === 'send');
    const written = await recordSends(trx, sends, opts.now);
    await writeOutbox(trx, written, opts.now);
    await auditDecisions(trx, batch, new Set(written.map((w) => w.account.accountId)), opts.now);
    await setNextActions(trx, batch, opts);
    return written.length;
  });
}

async function recordSends(trx: Kysely<DB>, sends: readonly Send[], now: Date): Promise<Array<Send & { outboxId: string }>> {
  if (sends.length === 0) return [];
  const withIds = sends.map((s) => ({ ...s, outboxId: randomUUID() }));
  const inserted = await trx
    .insertInto('outreachSends')
    .values(withIds.map((s) => ({ accountId: s.account.accountId, step: s.decision.step.stepId, localDate: s.decision.step.date, cadenceId: s.decision.step.cadenceId, channel: s.decision.channel, outboxId: s.outboxId, createdAt: now })))
    .onConflict((oc) => oc.doNothing())
    .returning('outboxId')
    .execute();
  const fresh = new Set(inserted.map((r) => r.outboxId));
  return withIds.filter((s) => fresh.has(s.outboxId));
}

/**
 * The outbox rows, in the conversation at each address. No transcript row yet: the sender writes it when it first
 * handles the row (recordSendOutcome), so the sweep does not pay the console's full-text index for every message.
 */
async function writeOutbox(trx: Kysely<DB>, written: ReadonlyArray<Send & { outboxId: string }>, now: Date): Promise<void> {
  if (written.length === 0) return;
  const conversations = await conversationsFor(trx, written, now);
  const rows = written.map((w) => ({ ...w, conversationId: conversations.get(`${w.decision.channel}|${w.decision.address}`) ?? '' }));
  await trx
    .insertInto('outbox')
    .values(
      rows.map((r) => ({
        id: r.outboxId, conversationId: r.conversationId, messageId: null, channel: r.decision.channel, toAddress: r.decision.address,
        body: r.decision.message.body, template: `outreach:${r.decision.step.cadenceId}:${r.decision.step.template}`, purpose: 'proactive' as const,
        contentSid: r.decision.message.contentSid, contentVariables: r.decision.message.contentVariables ? JSON.stringify(r.decision.message.contentVariables) : null,
        nextAttemptAt: now, createdAt: now, updatedAt: now,
      })),
    )
    .execute();
}

/** The open conversation at each (channel, address), opening a closed outreach record where there is none. */
async function conversationsFor(trx: Kysely<DB>, written: readonly Send[], now: Date): Promise<Map<string, string>> {
  const keyOf = (channel: string, address: string) => `${channel}|${address}`;
  const addresses = [...new Set(written.map((w) => w.decision.address))];
  const channels = [...new Set(written.map((w) => w.decision.channel))];
  const open = await trx.selectFrom('conversations').select(['id', 'channel', 'address']).where('status', '<>', 'ended').where('channel', 'in', channels).where('address', 'in', addresses).execute();
  const found = new Map(open.map((c) => [keyOf(c.channel, c.address), c.id]));
  const missing = new Map<string, Send>();
  for (const w of written) if (!found.has(keyOf(w.decision.channel, w.decision.address))) missing.set(keyOf(w.decision.channel, w.decision.address), w);
  if (missing.size > 0) {
    const created = await trx
      .insertInto('conversations')
      .values([...missing.values()].map((w) => ({ debtorId: w.account.debtorId, channel: w.decision.channel, address: w.decision.address, flowId: 'outreach', status: 'ended' as const, createdAt: now, updatedAt: now })))
      .returning(['id', 'channel', 'address'])
      .execute();
    for (const c of created) found.set(keyOf(c.channel, c.address), c.id);
  }
  return found;
}

async function auditDecisions(trx: Kysely<DB>, batch: readonly DecidedAccount[], written: ReadonlySet<string>, now: Date): Promise<void> {
  const events = batch
    .filter((d) => d.decision.step !== null && (d.decision.action !== 'send' || written.has(d.account.accountId)))
    .map(({ account, decision }) => ({
      at: now, actor: 'outreach', conversationId: null, debtorId: account.debtorId, code: `OUTREACH.${decision.action.toUpperCase()}`,
      data: JSON.stringify({ accountId: account.accountId, cadence: decision.step?.cadenceId, step: decision.step?.stepId, date: decision.step?.date, channel: decision.channel, reason: decision.reason, nextAllowedAt: decision.nextAllowedAt }),
    }));
  if (events.length > 0) await trx.insertInto('auditEvents').values(events).execute();
}

/** Each account's next action (never at or before now, so a sweep cannot loop on one), unless an event moved it since the claim. */
async function setNextActions(trx: Kysely<DB>, batch: readonly DecidedAccount[], opts: { now: Date; leaseUntil: Date }): Promise<void> {
  if (batch.length === 0) return;
  const ids = batch.map((d) => d.account.accountId);
  const next = batch.map((d) => (d.decision.nextActionAt ? d.decision.nextActionAt.toISOString() : null));
  await sql`
    UPDATE accounts a SET outreach_next_at = CASE WHEN v.next_at <= ${opts.now} THEN ${new Date(opts.now.getTime() + 60_000)} ELSE v.next_at END
    FROM unnest(${sql.val(ids)}::uuid[], ${sql.val(next)}::timestamptz[]) AS v(id, next_at)
    WHERE a.id = v.id AND a.outreach_next_at = ${opts.leaseUntil}`.execute(trx);
}
