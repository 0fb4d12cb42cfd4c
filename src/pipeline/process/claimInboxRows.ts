import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { PLAN_EACH_TIME } from '../../adapters/db/prepareRepeatedStatements';
import type { DB, InboxRow } from '../../adapters/db/schema';

/**
 * Claims up to `limit` inbox rows in one statement: marks them 'processing' with a lease until now + leaseMs and
 * counts an attempt. A row is claimable when it is pending (past any retry backoff) or its lease expired (a
 * crashed worker), and no older open row of its address is out of reach (leased by another worker, or waiting
 * for a retry), so one worker takes a conversation's rows together and in order. FOR UPDATE SKIP LOCKED keeps
 * workers from waiting on each other; a row skipped that way is caught under the conversation lock, which defers
 * the younger rows. Records `owner` (claim_owners) so a dead owner's claims can be freed before the lease ends
 * (reclaimDeadClaims). Returns the rows in arrival (seq) order. Does I/O.
 */
export async function claimInboxRows(db: Kysely<DB>, opts: { now: Date; leaseMs: number; limit: number; owner?: string }): Promise<InboxRow[]> {
  const lockedUntil = new Date(opts.now.getTime() + opts.leaseMs);
  const result = await sql<InboxRow>`${sql.raw(PLAN_EACH_TIME)}
    UPDATE inbox SET status = 'processing', locked_until = ${lockedUntil}, attempts = attempts + 1, claimed_by = ${opts.owner ?? null}
    WHERE id IN (
      SELECT i.id FROM inbox i
      WHERE i.status IN ('pending', 'processing') AND (i.locked_until IS NULL OR i.locked_until <= ${opts.now})
        AND NOT EXISTS (
          SELECT 1 FROM inbox e
          WHERE e.channel = i.channel AND e.from_address = i.from_address
            AND e.status IN ('pending', 'processing') AND e.seq < i.seq
            AND e.locked_until > ${opts.now})
      ORDER BY i.seq
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  return [...result.rows].sort((a, b) => Number(a.seq) - Number(b.seq));
}
