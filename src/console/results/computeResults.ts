import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../adapters/db/schema';

export const breakdowns = ['creditor', 'segment', 'channel', 'country', 'flow'] as const;
export type Breakdown = (typeof breakdowns)[number];

/** The funnel of one group of debtors: each step counts the debtors of the step before who also did this. */
export interface Funnel {
  key: string;
  contacted: number;
  replied: number;
  verified: number;
  offered: number;
  committed: number;
  keptOrPaid: number;
  optedOut: number;
  disputed: number;
}

export interface Results {
  from: string;
  to: string;
  total: Funnel;
  by: { dimension: Breakdown; rows: Funnel[] };
  recovered: Array<{ currency: string; minor: number; payments: number }>;
  promises: { due: number; kept: number; partiallyKept: number; broken: number; keptRate: number | null };
  containment: { ended: number; withoutPerson: number; rate: number | null };
  handoffWait: { taken: number; medianSeconds: number | null; p90Seconds: number | null; waitingNow: number };
}

/** Per debtor, the key(s) of a breakdown (a debtor with accounts of two creditors counts in both). */
function dimensionOf(by: Breakdown): RawBuilder<unknown> {
  switch (by) {
    case 'creditor':
      return sql`SELECT DISTINCT a.debtor_id, a.creditor AS key FROM accounts a`;
    case 'segment':
      return sql`SELECT DISTINCT a.debtor_id, coalesce(a.segment, '(none)') AS key FROM accounts a`;
    case 'country':
      return sql`SELECT d.id AS debtor_id, d.country AS key FROM debtors d`;
    case 'channel':
      return sql`SELECT DISTINCT c.debtor_id, c.channel AS key FROM conversations c, period p WHERE c.debtor_id IS NOT NULL AND c.updated_at >= p.a AND c.created_at < p.b`;
    case 'flow':
      return sql`SELECT DISTINCT c.debtor_id, coalesce(c.flow_id || '@' || c.flow_version, '(none)') AS key FROM conversations c, period p WHERE c.debtor_id IS NOT NULL AND c.updated_at >= p.a AND c.created_at < p.b`;
  }
}

const funnelRow = z.object({
  key: z.string(),
  contacted: z.coerce.number(), replied: z.coerce.number(), verified: z.coerce.number(), offered: z.coerce.number(),
  committed: z.coerce.number(), keptOrPaid: z.coerce.number(), optedOut: z.coerce.number(), disputed: z.coerce.number(),
});

/**
 * The funnel per group: contacted (an outbound message in the period) → replied (an inbound one) → verified
 * (VERIFICATION.PASSED) → offered (an offer proposed, or a promise or plan made) → committed (a promise or plan made)
 * → kept or paid (a payment, or a promise kept, in the period); and, of the contacted, who opted out or opened a
 * dispute. All in one SQL statement. Does I/O.
 */
async function funnels(db: Kysely<DB>, from: string, to: string, dimension: RawBuilder<unknown> | undefined): Promise<Funnel[]> {
  const keyed = dimension ? sql`JOIN (${dimension}) dim ON dim.debtor_id = f.debtor_id` : sql`CROSS JOIN (SELECT 'all'::text AS key) dim`;
  const result = await sql`
    WITH period AS (SELECT ${from}::date::timestamptz AS a, (${to}::date + 1)::timestamptz AS b, ${from}::text AS da, ${to}::text AS db),
    touched AS (
      SELECT c.debtor_id, bool_or(m.direction = 'out') AS contacted, bool_or(m.direction = 'in') AS replied
      FROM messages m JOIN conversations c ON c.id = m.conversation_id, period p
      WHERE c.debtor_id IS NOT NULL AND m.created_at >= p.a AND m.created_at < p.b GROUP BY c.debtor_id),
    audited AS (
      SELECT e.debtor_id, bool_or(e.code = 'VERIFICATION.PASSED') AS verified, bool_or(e.code = 'EFFECT.PROPOSE_PLAN') AS proposed, bool_or(e.code = 'CONSENT.OPT_OUT') AS opted_out
      FROM audit_events e, period p
      WHERE e.debtor_id IS NOT NULL AND e.at >= p.a AND e.at < p.b AND e.code IN ('VERIFICATION.PASSED', 'EFFECT.PROPOSE_PLAN', 'CONSENT.OPT_OUT') GROUP BY e.debtor_id),
    committed AS (
      SELECT a.debtor_id FROM promises x JOIN accounts a ON a.id = x.account_id, period p WHERE x.made_at >= p.a AND x.made_at < p.b
      UNION SELECT a.debtor_id FROM plans x JOIN accounts a ON a.id = x.account_id, period p WHERE x.created_at >= p.a AND x.created_at < p.b),
    paid AS (
      SELECT a.debtor_id FROM payments x JOIN accounts a ON a.id = x.account_id, period p WHERE x.paid_at >= p.a AND x.paid_at < p.b
      UNION SELECT a.debtor_id FROM promises x JOIN accounts a ON a.id = x.account_id, period p WHERE x.status = 'kept' AND x.due_date >= p.da AND x.due_date <= p.db),
    disputed AS (SELECT a.debtor_id FROM disputes x JOIN accounts a ON a.id = x.account_id, period p WHERE x.created_at >= p.a AND x.created_at < p.b),
    f AS (
      SELECT t.debtor_id,
        t.replied AS replied,
        t.replied AND coalesce(au.verified, false) AS verified,
        t.replied AND coalesce(au.verified, false) AND (coalesce(au.proposed, false) OR cm.debtor_id IS NOT NULL) AS offered,
        t.replied AND coalesce(au.verified, false) AND cm.debtor_id IS NOT NULL AS committed,
        t.replied AND coalesce(au.verified, false) AND cm.debtor_id IS NOT NULL AND pd.debtor_id IS NOT NULL AS kept,
        coalesce(au.opted_out, false) AS opted_out,
        ds.debtor_id IS NOT NULL AS disputed
      FROM touched t
      LEFT JOIN audited au ON au.debtor_id = t.debtor_id
      LEFT JOIN (SELECT DISTINCT debtor_id FROM committed) cm ON cm.debtor_id = t.debtor_id
      LEFT JOIN (SELECT DISTINCT debtor_id FROM paid) pd ON pd.debtor_id = t.debtor_id
      LEFT JOIN (SELECT DISTINCT debtor_id FROM disputed) ds ON ds.debtor_id = t.debtor_id
      WHERE t.contacted)
    SELECT dim.key, count(*) AS contacted, count(*) FILTER (WHERE f.replied) AS replied, count(*) FILTER (WHERE f.verified) AS verified,
      count(*) FILTER (WHERE f.offered) AS offered, count(*) FILTER (WHERE f.committed) AS committed, count(*) FILTER (WHERE f.kept) AS kept_or_paid,
      count(*) FILTER (WHERE f.opted_out) AS opted_out, count(*) FILTER (WHERE f.disputed) AS disputed
    FROM f ${keyed}
    GROUP BY dim.key ORDER BY count(*) DESC, dim.key`.execute(db);
  return result.rows.map((r) => funnelRow.parse(r));
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * The results dashboard for the days `from`..`to` (inclusive, UTC): funnels (overall and by a breakdown), amount
 * recovered per currency, promise-kept rate of the promises due in the period, bot containment of the conversations
 * that ended in it, and how long debtors waited for a person. Computed in SQL. Does I/O (six statements).
 */
export async function computeResults(db: Kysely<DB>, period: { from: string; to: string; by: Breakdown }): Promise<Results> {
  const { from, to } = period;
  const [total, rows, recovered, promises, containment, wait] = await Promise.all([
    funnels(db, from, to, undefined),
    funnels(db, from, to, dimensionOf(period.by)),
    sql<{ currency: string; minor: string; payments: string }>`
      SELECT currency, sum(amount_minor)::text AS minor, count(*) AS payments FROM payments WHERE paid_at >= ${from}::date::timestamptz AND paid_at < (${to}::date + 1)::timestamptz
      GROUP BY currency ORDER BY currency`.execute(db),
    sql<{ kept: string; partiallyKept: string; broken: string }>`
      SELECT count(*) FILTER (WHERE status = 'kept') AS kept, count(*) FILTER (WHERE status = 'partially_kept') AS partially_kept, count(*) FILTER (WHERE status = 'broken') AS broken
      FROM promises WHERE due_date >= ${from} AND due_date <= ${to}`.execute(db),
    sql<{ ended: string; withoutPerson: string }>`
      SELECT count(*) AS ended, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.conversation_id = c.id
        AND e.code IN ('CONVERSATION.HANDOFF', 'CONSOLE.TAKEN_OVER', 'CONSOLE.ASSIGNED'))) AS without_person
      FROM conversations c WHERE c.status = 'ended' AND c.debtor_id IS NOT NULL AND c.updated_at >= ${from}::date::timestamptz AND c.updated_at < (${to}::date + 1)::timestamptz`.execute(db),
    sql<{ taken: string; median: number | null; p90: number | null; waiting: string }>`
      SELECT count(*) AS taken, percentile_cont(0.5) WITHIN GROUP (ORDER BY w.seconds) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY w.seconds) AS p90,
        (SELECT count(*) FROM conversations WHERE handoff AND taken_by IS NULL AND status = 'active') AS waiting
      FROM (SELECT extract(epoch FROM t.at - h.at)::float8 AS seconds FROM audit_events t
        JOIN LATERAL (SELECT h.at FROM audit_events h WHERE h.conversation_id = t.conversation_id AND h.code = 'CONVERSATION.HANDOFF' AND h.seq < t.seq ORDER BY h.seq DESC LIMIT 1) h ON true
        WHERE t.code IN ('CONSOLE.TAKEN_OVER', 'CONSOLE.ASSIGNED') AND t.data->>'wasWaiting' = 'true' AND t.at >= ${from}::date::timestamptz AND t.at < (${to}::date + 1)::timestamptz) w`.execute(db),
  ]);
  const p = promises.rows[0];
  const kept = Number(p?.kept ?? 0);
  const partiallyKept = Number(p?.partiallyKept ?? 0);
  const broken = Number(p?.broken ?? 0);
  const c = containment.rows[0];
  const ended = Number(c?.ended ?? 0);
  const withoutPerson = Number(c?.withoutPerson ?? 0);
  const w = wait.rows[0];
  const empty: Funnel = { key: 'all', contacted: 0, replied: 0, verified: 0, offered: 0, committed: 0, keptOrPaid: 0, optedOut: 0, disputed: 0 };
  return {
    from, to,
    total: total[0] ?? empty,
    by: { dimension: period.by, rows },
    recovered: recovered.rows.map((r) => ({ currency: r.currency, minor: Number(r.minor), payments: Number(r.payments) })),
    promises: { due: kept + partiallyKept + broken, kept, partiallyKept, broken, keptRate: rate(kept, kept + partiallyKept + broken) },
    containment: { ended, withoutPerson, rate: rate(withoutPerson, ended) },
    handoffWait: { taken: Number(w?.taken ?? 0), medianSeconds: w?.median ?? null, p90Seconds: w?.p90 ?? null, waitingNow: Number(w?.waiting ?? 0) },
  };
}
