import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { lockDebtorContacts } from '../adapters/compliance/lockDebtorContacts';
import { PLAN_EACH_TIME } from '../adapters/db/prepareRepeatedStatements';
import type { DB } from '../adapters/db/schema';
import type { OutreachAccount, OutreachContact } from '../core/outreach/outreachAccount';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const preferredSchema = z.object({
  window: z.object({ from: clockTime, to: clockTime }).optional(),
  notBefore: z.iso.datetime({ offset: true }).transform((t) => new Date(t)).optional(),
});
const promiseSchema = z.object({ dueDate: z.string(), status: z.enum(['pending', 'broken']) }).nullable();
const installmentsSchema = z.array(z.object({ dueDate: z.string(), paid: z.boolean() })).nullable();

interface AccountRow {
  id: string; accountExternalId: string; debtorId: string; externalId: string; firstName: string; locale: string; timezone: string; country: string; region: string | null;
  creditor: string; product: string; segment: string | null; currency: string; balanceMinor: string; dueDate: string;
  status: OutreachAccount['status']; deceased: boolean; preferredContact: unknown; disputeOpen: boolean; handoff: boolean;
  promise: unknown; installments: unknown; lastStepAt: Date | null; sent: string[] | null;
}

interface HistoryRow { debtorId: string; at: Date; channel: string }

interface ContactRow { debtorId: string; channel: 'whatsapp' | 'sms'; address: string; consent: boolean; optedOut: boolean; wrongParty: boolean; lastInboundAt: Date | null }

/** How far back sent steps are read: longer than any step stays valid (validDays ≤ 30). */
const SENT_LOOKBACK_MS = 40 * 86_400_000;
/** How far back proactive messages count for the gate's caps (a week, and a day of margin). */
const HISTORY_MS = 8 * 86_400_000;

/**
 * The proactive messages of these debtors in the last eight days (any account, any address; pending ones count from
 * when they were written), by debtor: what the compliance gate's caps and the debtor's daily limit count.
 */
async function loadProactiveHistory(db: Kysely<DB>, debtorIds: readonly string[], now: Date): Promise<Map<string, OutreachAccount['history']>> {
  const historyOf = new Map<string, OutreachAccount['history']>();
  if (debtorIds.length === 0) return historyOf;
  const history = await sql<HistoryRow>`${sql.raw(PLAN_EACH_TIME)}
    SELECT c.debtor_id, o.at, o.channel
    FROM conversations c
    CROSS JOIN LATERAL (
      SELECT coalesce(o.sent_at, o.created_at) AS at, o.channel FROM outbox o
      WHERE o.conversation_id = c.id AND o.purpose = 'proactive' AND o.created_at >= ${new Date(now.getTime() - HISTORY_MS)}
        AND o.status IN ('pending', 'sending', 'sent', 'delivered') OFFSET 0) o
    WHERE c.debtor_id = ANY(${sql.val([...debtorIds])}::uuid[])`.execute(db);
  for (const h of history.rows) {
    const channel = h.channel === 'sms' ? 'sms' : 'whatsapp';
    historyOf.set(h.debtorId, [...(historyOf.get(h.debtorId) ?? []), { at: h.at, channel }]);
  }
  return historyOf;
}

/**
 * Reads everything the outreach decision needs for a batch of accounts in three statements: the account with its
 * debtor, open dispute, hand-off, latest pending or broken promise, active plan's installments and the steps
 * already written; the debtors' WhatsApp and SMS addresses with consent, opt-out, wrong-party mark and the last
 * inbound message there; and their proactive messages of the last eight days. A preferred contact time that does
 * not parse is ignored. With `lockDebtors` (inside the sweep's transaction) it takes the debtors' contact locks
 * (lockDebtorContacts) before it reads their history, so the history stays true until the batch commits: another
 * batch in flight, another worker or the sender's gate writing to one of these debtors (a debtor with several
 * accounts) waits, and then reads this batch's messages. Does I/O.
 *
 * The statements are planned afresh every batch (PLAN_EACH_TIME): the sweep grows outreach_sends, conversations and
 * the outbox as it goes, and a plan should be made for those tables as they are, not kept from when a first
 * campaign found them nearly empty (session 5 found foreign-key plans kept that way scanning whole tables). The
 * sweep turns JIT off for them (runOutreachSweep). The `OFFSET 0` subqueries keep the planner from flattening them:
 * the debtor and the outbox history are then read by index for the batch's own rows. Flattened, the planner (costing
 * random reads as if from disk) preferred a scan of every debtor, or of every recent proactive outbox row, once per
 * batch, which made a sweep quadratic.
 */
export async function loadOutreachAccounts(db: Kysely<DB>, accountIds: readonly string[], now: Date, opts: { lockDebtors?: boolean } = {}): Promise<OutreachAccount[]> {
  if (accountIds.length === 0) return [];
  const since = new Date(now.getTime() - SENT_LOOKBACK_MS);
  const accounts = await sql<AccountRow>`${sql.raw(PLAN_EACH_TIME)}
    SELECT a.id, a.external_id AS account_external_id, a.debtor_id, d.external_id, d.first_name, d.locale, d.timezone, d.country, d.region, a.creditor, a.product, a.segment,
      a.currency, a.balance_minor, a.due_date, a.status, d.deceased_at IS NOT NULL AS deceased, d.preferred_contact,
      EXISTS (SELECT 1 FROM disputes x WHERE x.account_id = a.id AND x.status = 'open') AS dispute_open,
      EXISTS (SELECT 1 FROM conversations c WHERE c.debtor_id = a.debtor_id AND c.status <> 'ended' AND c.handoff) AS handoff,
      (SELECT json_build_object('dueDate', p.due_date, 'status', p.status) FROM promises p
        WHERE p.account_id = a.id AND p.status IN ('pending', 'broken') ORDER BY p.made_at DESC LIMIT 1) AS promise,
      (SELECT json_agg(json_build_object('dueDate', i.due_date, 'paid', i.status = 'paid') ORDER BY i.number)
        FROM plans pl JOIN plan_installments i ON i.plan_id = pl.id WHERE pl.account_id = a.id AND pl.status = 'active') AS installments,
      s.last_step_at, s.sent
    FROM accounts a CROSS JOIN LATERAL (SELECT * FROM debtors d WHERE d.id = a.debtor_id OFFSET 0) d
    CROSS JOIN LATERAL (SELECT max(s.created_at) AS last_step_at, array_agg(s.step || '|' || s.local_date) FILTER (WHERE s.created_at >= ${since}) AS sent
      FROM outreach_sends s WHERE s.account_id = a.id) s
    WHERE a.id = ANY(${sql.val([...accountIds])}::uuid[])`.execute(db);
  const debtorIds = [...new Set(accounts.rows.map((a) => a.debtorId))];
  const contacts = await sql<ContactRow>`${sql.raw(PLAN_EACH_TIME)}
    SELECT cp.debtor_id, cp.channel, cp.address, cp.consent,
      EXISTS (SELECT 1 FROM address_opt_outs o WHERE o.channel = cp.channel AND o.address = cp.address) AS opted_out,
      EXISTS (SELECT 1 FROM wrong_party_marks w WHERE w.address = cp.address AND w.debtor_id = cp.debtor_id) AS wrong_party,
      (SELECT max(c.last_inbound_at) FROM conversations c
        WHERE c.address = cp.address AND c.channel IN (cp.channel, CASE WHEN cp.channel = 'whatsapp' THEN 'baileys' END)
          AND c.last_inbound_at IS NOT NULL) AS last_inbound_at
    FROM contact_points cp
    WHERE cp.debtor_id = ANY(${sql.val(debtorIds)}::uuid[]) AND cp.channel IN ('whatsapp', 'sms')
    ORDER BY cp.debtor_id, cp.created_at`.execute(db);
  if (opts.lockDebtors) await lockDebtorContacts(db, { debtorIds });
  const historyOf = await loadProactiveHistory(db, debtorIds, now);
  const byDebtor = new Map<string, OutreachContact[]>();
  for (const c of contacts.rows) {
    const list = byDebtor.get(c.debtorId) ?? [];
    list.push({ channel: c.channel, address: c.address, consent: c.consent, optedOut: c.optedOut, wrongParty: c.wrongParty, lastInboundAt: c.lastInboundAt });
    byDebtor.set(c.debtorId, list);
  }
  return accounts.rows.map((row) => toAccount(row, byDebtor.get(row.debtorId) ?? [], historyOf.get(row.debtorId) ?? []));
}

function toAccount(row: AccountRow, contacts: OutreachContact[], history: OutreachAccount['history']): OutreachAccount {
  const preferred = preferredSchema.safeParse(row.preferredContact);
  return {
    accountId: row.id, accountExternalId: row.accountExternalId, externalId: row.externalId, debtorId: row.debtorId, firstName: row.firstName, locale: row.locale,
    timezone: row.timezone, country: row.country, region: row.region, creditor: row.creditor, product: row.product, segment: row.segment,
    currency: row.currency, balanceMinor: Number(row.balanceMinor), dueDate: row.dueDate, status: row.status,
    deceased: row.deceased, disputeOpen: row.disputeOpen, handoff: row.handoff,
    preferredContact: row.preferredContact !== null && preferred.success ? preferred.data : null,
    promise: promiseSchema.catch(null).parse(row.promise),
    installments: installmentsSchema.catch(null).parse(row.installments) ?? [],
    contacts, history, lastStepAt: row.lastStepAt, sent: new Set(row.sent ?? []),
  };
}
