import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Indexes for the per-message path:
 * - audit_events had two indexes led by conversation_id: (conversation_id, at) and, since 0450,
 *   (conversation_id, seq). Readers find a conversation's events and order them by seq, which the second serves
 *   alone; the first only cost an insertion for every audit event (several per inbound message). Dropped.
 * - outbox_due_idx was on next_attempt_at alone, so a sender polling for its channels walked every due row of
 *   every channel (all of them, when a channel has no sender running). Now led by channel.
 */
export const migration0500HotPathIndexes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS audit_events_conversation_idx`.execute(db);
    await sql`DROP INDEX IF EXISTS outbox_due_idx`.execute(db);
    await sql`CREATE INDEX outbox_due_idx ON outbox (channel, next_attempt_at) WHERE status IN ('pending', 'sending')`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS outbox_due_idx`.execute(db);
    await sql`CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending')`.execute(db);
    await sql`CREATE INDEX IF NOT EXISTS audit_events_conversation_idx ON audit_events (conversation_id, at)`.execute(db);
  },
};
