import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { PortfolioAccount } from '../../../core/portfolio/portfolioRow';
import type { DB } from '../schema';
import type { BatchCounts } from './upsertDebtorsBatch';

/**
 * Inserts or updates a batch of accounts by their external id (CSV account_id) in one statement, and writes an
 * ACCOUNT.CREATED / ACCOUNT.UPDATED audit event (ids and amounts only) for every account that changed. Unchanged
 * accounts are not touched. An account's debtor and currency never change here (the import refuses a file that would
 * change them, findCrossRowFindings): payments, promises and plans are tied to both. The balance breakdown (principal, interest,
 * fees) is written when the file gives it and kept when it does not. A disputed or closed account keeps its status; an active one becomes paid at balance
 * 0 and active again above it. Does I/O; call it inside the import transaction.
 */
export async function upsertAccountsBatch(
  trx: Kysely<DB>,
  accounts: ReadonlyArray<PortfolioAccount & { debtorId: string }>,
  opts: { now: Date; actor: string },
): Promise<BatchCounts> {
  const result = await sql<{ created: string; updated: string }>`
    WITH upserted AS (
      INSERT INTO accounts (debtor_id, external_id, creditor, product, currency, balance_minor, due_date, segment, status, principal_minor, interest_minor, fees_minor)
      SELECT d, e, c, p, cur, b, due, seg, CASE WHEN b = 0 THEN 'paid' ELSE 'active' END, pr, it, fe
      FROM unnest(
        ${accounts.map((a) => a.debtorId)}::uuid[], ${accounts.map((a) => a.externalId)}::text[],
        ${accounts.map((a) => a.creditor)}::text[], ${accounts.map((a) => a.product)}::text[],
        ${accounts.map((a) => a.currency)}::text[], ${accounts.map((a) => String(a.balanceMinor))}::bigint[],
        ${accounts.map((a) => a.dueDate)}::text[], ${accounts.map((a) => a.segment)}::text[],
        ${accounts.map((a) => minorOrNull(a.breakdown?.principalMinor))}::bigint[], ${accounts.map((a) => minorOrNull(a.breakdown?.interestMinor))}::bigint[],
        ${accounts.map((a) => minorOrNull(a.breakdown?.feesMinor))}::bigint[]) AS t(d, e, c, p, cur, b, due, seg, pr, it, fe)
      ON CONFLICT (external_id) DO UPDATE SET
        creditor = EXCLUDED.creditor, product = EXCLUDED.product, balance_minor = EXCLUDED.balance_minor, due_date = EXCLUDED.due_date,
        segment = EXCLUDED.segment,
        principal_minor = coalesce(EXCLUDED.principal_minor, accounts.principal_minor), interest_minor = coalesce(EXCLUDED.interest_minor, accounts.interest_minor),
        fees_minor = coalesce(EXCLUDED.fees_minor, accounts.fees_minor),
        status = CASE WHEN accounts.status IN ('active', 'paid') THEN EXCLUDED.status ELSE accounts.status END,
        updated_at = ${opts.now}::timestamptz
      WHERE (accounts.creditor, accounts.product, accounts.balance_minor, accounts.due_date, accounts.segment, accounts.principal_minor, accounts.interest_minor, accounts.fees_minor)
            IS DISTINCT FROM (EXCLUDED.creditor, EXCLUDED.product, EXCLUDED.balance_minor, EXCLUDED.due_date, EXCLUDED.segment,
                               coalesce(EXCLUDED.principal_minor, accounts.principal_minor), coalesce(EXCLUDED.interest_minor, accounts.interest_minor),
                               coalesce(EXCLUDED.fees_minor, accounts.fees_minor))
      RETURNING id, debtor_id, balance_minor, currency, (xmax = 0) AS inserted),
    audited AS (
      INSERT INTO audit_events (at, actor, debtor_id, code, data)
      SELECT ${opts.now}::timestamptz, ${opts.actor}, debtor_id, CASE WHEN inserted THEN 'ACCOUNT.CREATED' ELSE 'ACCOUNT.UPDATED' END,
             jsonb_build_object('accountId', id, 'balanceMinor', balance_minor, 'currency', currency)
      FROM upserted)
    SELECT count(*) FILTER (WHERE inserted) AS created, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted`.execute(trx);
  const counts = result.rows[0];
  return { created: Number(counts?.created ?? 0), updated: Number(counts?.updated ?? 0) };
}

/** A breakdown amount as bigint text, or null when the file gave none. */
function minorOrNull(minor: number | undefined): string | null {
  return minor === undefined ? null : String(minor);
}
