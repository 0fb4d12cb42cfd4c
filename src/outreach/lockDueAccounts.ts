import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';

/**
 * Locks, for the rest of the caller's transaction, up to `limit` accounts whose next outreach action is due
 * (`outreach_next_at <= now`, '-infinity' first) and returns their ids: one sweep batch. FOR NO KEY UPDATE SKIP
 * LOCKED, so two workers (or two batches in flight) take different accounts, and payments or promises referencing
 * them are not blocked; an event that moves one of them (a trigger updating the account) waits for the batch to
 * commit and then wins. Nothing is written to claim them: a worker that dies mid-batch loses its transaction, and
 * the accounts are free at once. Does I/O (one statement).
 */
export async function lockDueAccounts(trx: Kysely<DB>, opts: { now: Date; limit: number }): Promise<string[]> {
  const result = await sql<{ id: string }>`
    SELECT id FROM accounts WHERE outreach_next_at <= ${opts.now}
    ORDER BY outreach_next_at LIMIT ${opts.limit}
    FOR NO KEY UPDATE SKIP LOCKED`.execute(trx);
  return result.rows.map((r) => r.id);
}
