import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';

/**
 * Runs `fn` in one transaction on one pooled connection that first takes the conversation's advisory lock
 * (held until commit or rollback). BEGIN and the lock go in one round trip: the simple protocol allows two
 * statements when there are no parameters, and the lock id is a bigint we computed, never client input.
 * Commits when `fn` resolves, rolls back when it throws. `fn` must use only the connection it is given.
 *
 * The commit does not wait for its WAL flush (synchronous_commit = off for this transaction only): the fsync per
 * commit was what capped the worker. It stays exactly-once and loses nothing: the inbound it processes was stored
 * by a synchronous commit before the webhook was acknowledged; the inbox 'done' marks, replies and outbox rows are
 * all in this one transaction, so a database crash loses all of it or none (the rows are then reprocessed after
 * the lease); and nothing leaves the system before a synchronous commit flushes the WAL up to and past it (the
 * outbox sender commits its 'sending' claim, durably, before calling a provider). Does I/O.
 */
export async function withConversationTransaction<T>(db: Kysely<DB>, lockId: bigint, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql.raw(`BEGIN; SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock(${lockId.toString()})`).execute(conn);
    let result: T;
    try {
      result = await fn(conn);
    } catch (error) {
      await sql.raw('ROLLBACK').execute(conn);
      throw error;
    }
    await sql.raw('COMMIT').execute(conn);
    return result;
  });
}
