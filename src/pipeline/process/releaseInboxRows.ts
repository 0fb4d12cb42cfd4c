import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';

/**
 * Puts claimed rows back to 'pending' without counting the attempt (they did not fail: an older row of their
 * address is held elsewhere, or a row before them in their batch failed). Does I/O.
 */
export async function releaseInboxRows(db: Kysely<DB>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('inbox')
    .set((eb) => ({ status: 'pending', lockedUntil: null, attempts: eb('attempts', '-', 1) }))
    .where('id', 'in', [...ids])
    .where('status', '=', 'processing')
    .execute();
}
