import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB, InboxRow } from '../adapters/db/schema';

/**
 * Claims up to `limit` inbox rows for processing: marks them 'processing' with a lease until now + leaseMs and
 * counts an attempt. Only the oldest open row of each address is claimable, so messages of one conversation are
 * taken in arrival order even by many workers; rows whose lease expired (a crashed worker) are claimable again.
 * Uses FOR UPDATE SKIP LOCKED so workers never wait on each other. Does I/O (one short statement).
 */
export async function claimInboxRows(db: Kysely<DB>, opts: { now: Date; leaseMs: number; limit: number }): Promise<InboxRow[]> {
  const lockedUntil = new Date(opts.now.getTime() + opts.leaseMs);
  const result = await sql<InboxRow>`
    UPDATE inbox SET status = 'processing', locked_until = ${lockedUntil}, attempts = attempts + 1
    WHERE id IN (
      SELECT i.id FROM inbox i
      WHERE ((i.status = 'pending' AND (i.locked_until IS NULL OR i.locked_until <= ${opts.now}))
          OR (i.status = 'processing' AND i.locked_until <= ${opts.now}))
        AND NOT EXISTS (
          SELECT 1 FROM inbox e
          WHERE e.channel = i.channel AND e.from_address = i.from_address
            AND e.status IN ('pending', 'processing') AND e.seq < i.seq)
      ORDER BY i.seq
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  return [...result.rows].sort((a, b) => Number(a.seq) - Number(b.seq));
}
