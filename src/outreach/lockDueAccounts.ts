import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';

/**
 * Locks, for the rest of the caller's transaction, the schedule rows of up to `limit` accounts whose next outreach
 * action is due (`outreach_schedule.next_at <= now`, '-infinity' first) and returns the account ids: one sweep batch.
 * SKIP LOCKED, so two workers (or two batches in flight) take different accounts; the accounts themselves are not
 * locked, and an event that moves one of them (a wake trigger updating its schedule row) waits for the batch to
 * commit and then wins. Nothing is written to claim them: a worker that dies mid-batch loses its transaction, and
 * the accounts are free at once. Does I/O (one statement).
 */
export async function lockDueAccounts(trx: Kysely<DB>, opts: { now: Date; limit: number }): Promise<string[]> {
  const result = await sql<{ accountId: string }>`
    SELECT account_id FROM outreach_schedule WHERE next_at <= ${opts.now}
    ORDER BY next_at LIMIT ${opts.limit}
    FOR NO KEY UPDATE SKIP LOCKED`.execute(trx);
  return result.rows.map((r) => r.accountId);
}
