import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';

/**
 * Moves queued collection events (payment_received, approval_granted, approval_denied) into the inbox as rows of
 * kind 'event' for their conversation's channel and address, in one statement: marked dispatched and inserted
 * together, provider id `event:<event id>`, so an event reaches its conversation once, in order with the
 * debtor's messages. An event with no conversation has no one to tell and is only marked. Several processes may
 * run it (FOR UPDATE SKIP LOCKED). Returns how many inbox rows were added. Does I/O.
 */
export async function dispatchCollectionEvents(db: Kysely<DB>, opts: { now: Date; limit?: number }): Promise<number> {
  const result = await sql<{ id: string }>`
    WITH due AS (
      UPDATE collection_events SET dispatched_at = ${opts.now}
      WHERE id IN (
        SELECT id FROM collection_events WHERE dispatched_at IS NULL
        ORDER BY created_at, id LIMIT ${opts.limit ?? 100} FOR UPDATE SKIP LOCKED)
      RETURNING id, name, conversation_id, data, created_at)
    INSERT INTO inbox (kind, channel, provider_message_id, from_address, to_address, body, payload, received_at)
    SELECT 'event', c.channel, 'event:' || due.id, c.address, NULL, '',
           jsonb_build_object('eventId', due.id, 'conversationId', due.conversation_id, 'name', due.name, 'data', due.data), ${opts.now}
    FROM due JOIN conversations c ON c.id = due.conversation_id
    ORDER BY due.created_at, due.id
    ON CONFLICT (channel, provider_message_id) DO NOTHING
    RETURNING id`.execute(db);
  return result.rows.length;
}
