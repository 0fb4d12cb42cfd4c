import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Less work for every row the per-message path writes (about nine rows per inbound message):
 * - audit_events loses its foreign keys to conversations and debtors. The audit trail is append-only history:
 *   it must outlive what it describes rather than be cascaded away with it, and each key cost a trigger and an
 *   index lookup on every insert (about four audit events per inbound message). Writers take the ids from rows
 *   they read or write in the same transaction, so they name rows that exist when the event is written.
 * - messages.position and outbox.position lose their UNIQUE indexes: both come from a sequence, so they are
 *   unique by construction, and every reader orders within a conversation through (conversation_id, position)
 *   or within a channel through outbox_due_idx, never through position alone.
 */
export const migration0600LeanMessageWrites: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE audit_events DROP CONSTRAINT IF EXISTS audit_events_conversation_id_fkey`.execute(db);
    await sql`ALTER TABLE audit_events DROP CONSTRAINT IF EXISTS audit_events_debtor_id_fkey`.execute(db);
    await sql`ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_position_key`.execute(db);
    await sql`ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_position_key`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE outbox ADD CONSTRAINT outbox_position_key UNIQUE (position)`.execute(db);
    await sql`ALTER TABLE messages ADD CONSTRAINT messages_position_key UNIQUE (position)`.execute(db);
    await sql`ALTER TABLE audit_events ADD CONSTRAINT audit_events_debtor_id_fkey FOREIGN KEY (debtor_id) REFERENCES debtors(id) ON DELETE CASCADE NOT VALID`.execute(db);
    await sql`ALTER TABLE audit_events ADD CONSTRAINT audit_events_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE CASCADE NOT VALID`.execute(db);
  },
};
