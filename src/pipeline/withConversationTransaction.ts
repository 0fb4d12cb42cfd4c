import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';

/**
 * Runs `fn` in one transaction on one pooled connection that first takes the conversation's advisory lock
 * (held until commit or rollback). BEGIN and the lock go in one round trip: the simple protocol allows two
 * statements when there are no parameters, and the lock id is a bigint we computed, never client input.
 * Commits when `fn` resolves, rolls back when it throws. `fn` must use only the connection it is given. Does I/O.
 */
export async function withConversationTransaction<T>(db: Kysely<DB>, lockId: bigint, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql.raw(`BEGIN; SELECT pg_advisory_xact_lock(${lockId.toString()})`).execute(conn);
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
