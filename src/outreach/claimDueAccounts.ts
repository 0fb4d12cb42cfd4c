import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';

/**
 * Claims up to `limit` accounts whose next outreach action is due (`outreach_next_at <= now`, '-infinity' first)
 * for one sweep batch: FOR NO KEY UPDATE SKIP LOCKED, so two workers take different accounts and payments or
 * promises referencing them are not blocked, then moves them to `leaseUntil` in the same short statement (the ids
 * as an array, so the update finds them through the primary key: `id IN (subquery)` was planned as a hash join over
 * a scan of every account, once per batch, which made a sweep quadratic in the portfolio). A
 * worker that dies with a batch leaves it to be claimed again after the lease; the unique key of outreach_sends
 * keeps that from writing a step twice. Returns the claimed ids. Does I/O (one statement).
 */
export async function claimDueAccounts(db: Kysely<DB>, opts: { now: Date; leaseUntil: Date; limit: number }): Promise<string[]> {
  const result = await sql<{ id: string }>`
    UPDATE accounts SET outreach_next_at = ${opts.leaseUntil}
    WHERE id = ANY(ARRAY(
      SELECT id FROM accounts WHERE outreach_next_at <= ${opts.now}
      ORDER BY outreach_next_at LIMIT ${opts.limit}
      FOR NO KEY UPDATE SKIP LOCKED))
    RETURNING id`.execute(db);
  return result.rows.map((r) => r.id);
}
