import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';

/**
 * Moves due inactivity timers into the inbox as 'timeout' rows, in one short transaction (delete + insert), so
 * a fired timer goes through the same serialised, ordered path as messages and is never lost or doubled
 * (provider id `timer:<timer row id>`). Returns how many fired. Does I/O.
 */
export async function fireDueTimers(db: Kysely<DB>, opts: { now: Date; limit?: number }): Promise<number> {
  const result = await sql<{ id: string }>`
    WITH due AS (
      DELETE FROM scheduled_timers
      WHERE id IN (
        SELECT id FROM scheduled_timers WHERE due_at <= ${opts.now}
        ORDER BY due_at LIMIT ${opts.limit ?? 100} FOR UPDATE SKIP LOCKED)
      RETURNING id, conversation_id, timer, due_at)
    INSERT INTO inbox (kind, channel, provider_message_id, from_address, to_address, body, payload, received_at)
    SELECT 'timeout', c.channel, 'timer:' || due.id, c.address, NULL, '',
           jsonb_build_object('conversationId', due.conversation_id, 'timer', due.timer), ${opts.now}
    FROM due JOIN conversations c ON c.id = due.conversation_id
    ON CONFLICT (channel, provider_message_id) DO NOTHING
    RETURNING id`.execute(db);
  return result.rows.length;
}
