import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * audit_events had two indexes led by conversation_id: (conversation_id, at) and, since 0450, (conversation_id,
 * seq). Readers find a conversation's events and order them by seq, which the second serves alone; the first only
 * cost an index insertion for every audit event (several per inbound message). Dropped.
 */
export const migration0500AuditConversationIndex: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS audit_events_conversation_idx`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`CREATE INDEX IF NOT EXISTS audit_events_conversation_idx ON audit_events (conversation_id, at)`.execute(db);
  },
};
