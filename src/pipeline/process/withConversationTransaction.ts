import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';

/**
 * Runs `fn` in one transaction on one pooled connection that first takes the advisory locks of its conversations
 * (held until commit or rollback), in ascending id order, so two workers locking overlapping sets never deadlock.
 * BEGIN and the locks go in one round trip: the simple protocol allows several statements when there are no
 * parameters, and the lock ids are bigints we computed, never client input.
 * Commits when `fn` resolves, rolls back when it throws. `fn` must use only the connection it is given.
 *
 * The commit does not wait for its WAL flush (synchronous_commit = off for this transaction only): the fsync per
 * commit was what capped the worker. It stays exactly-once and loses nothing: the inbound it processes was stored
 * by a synchronous commit before the webhook was acknowledged; the inbox 'done' marks, replies and outbox rows are
 * all in this one transaction, so a database crash loses all of it or none (the rows are then reprocessed after
 * the lease); and nothing leaves the system before a synchronous commit flushes the WAL up to and past it (the
 * outbox sender commits its 'sending' claim, durably, before calling a provider). Does I/O.
 */
export async function withConversationTransaction<T>(db: Kysely<DB>, lockIds: readonly bigint[], fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  const ids = [...new Set(lockIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (ids.length === 0) throw new Error('a conversation transaction needs at least one lock');
  // unnest keeps the array's order, so the locks are taken in it.
  const lock = ids.length === 1 ? `SELECT pg_advisory_xact_lock(${String(ids[0])})` : `SELECT pg_advisory_xact_lock(id) FROM unnest('{${ids.join(',')}}'::bigint[]) AS id`;
  return db.connection().execute(async (conn) => {
    await sql.raw(`BEGIN; SET LOCAL synchronous_commit = off; ${lock}`).execute(conn);
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
