import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { PLAN_EACH_TIME } from '../../adapters/db/prepareRepeatedStatements';
import type { DB, OutboxRow } from '../../adapters/db/schema';
import type { ChannelKind } from '../../ports/channel';

/**
 * Claims up to `limit` due outbox rows on `channels` in one statement: 'pending' rows whose next attempt is due, or
 * 'sending' rows whose lease expired (a sender crashed mid-send; see reclaimDeadClaims for owners known to be dead).
 * Only the oldest open row of a conversation can be taken, so at most one row per conversation is in flight, replies
 * go out in order, and a later one waits while an earlier one is retried; a row the compliance gate holds (hold_reason)
 * does not hold back the replies behind it. Marks them 'sending' for `owner` (not yet through the compliance gate: gate_passed_at cleared), counts an attempt, leases them. Taking
 * over a 'sending' row sets
 * unconfirmed_since (from the dead claim's time) so the sender asks the provider before sending again.
 * Does I/O (one statement).
 */
export async function claimOutboxRows(
  db: Kysely<DB>,
  opts: { now: Date; leaseMs: number; channels: readonly ChannelKind[]; owner?: string; limit?: number },
): Promise<OutboxRow[]> {
  if (opts.channels.length === 0) return [];
  const lockedUntil = new Date(opts.now.getTime() + opts.leaseMs);
  const result = await sql<OutboxRow>`${sql.raw(PLAN_EACH_TIME)}
    UPDATE outbox SET status = 'sending', attempts = attempts + 1, locked_until = ${lockedUntil}, updated_at = ${opts.now},
      claimed_by = ${opts.owner ?? null}, gate_passed_at = NULL,
      unconfirmed_since = CASE WHEN status = 'sending' THEN COALESCE(unconfirmed_since, updated_at) ELSE unconfirmed_since END
    WHERE id IN (
      SELECT o.id FROM outbox o
      WHERE ((o.status = 'pending' AND o.next_attempt_at <= ${opts.now})
          OR (o.status = 'sending' AND o.locked_until <= ${opts.now}))
        AND o.channel IN (${sql.join(opts.channels.map((c) => sql`${c}`))})
        AND NOT EXISTS (
          SELECT 1 FROM outbox e
          WHERE e.conversation_id = o.conversation_id AND e.status IN ('pending', 'sending') AND e.position < o.position
            AND e.hold_reason IS NULL)
      ORDER BY o.next_attempt_at, o.position
      LIMIT ${opts.limit ?? 1}
      FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  return [...result.rows].sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || Number(a.position) - Number(b.position));
}
