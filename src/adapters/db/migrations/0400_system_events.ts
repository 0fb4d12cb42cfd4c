import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * System events for conversations (payment_received, approval_granted, approval_denied) travel through the inbox
 * like messages and timers, as rows of kind 'event' with provider id `event:<collection_events.id>`, so they are
 * processed once, in order with the debtor's messages, under the same conversation lock.
 */
export const migration0400SystemEvents: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE inbox DROP CONSTRAINT IF EXISTS inbox_kind_check`.execute(db);
    await sql`ALTER TABLE inbox ADD CONSTRAINT inbox_kind_check CHECK (kind IN ('message', 'timeout', 'event'))`.execute(db);
    // The approval queue lists pending requests oldest first; decided ones are read by id.
    await sql`CREATE INDEX IF NOT EXISTS approval_requests_conversation_idx ON approval_requests (conversation_id)`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS approval_requests_conversation_idx`.execute(db);
    await sql`DELETE FROM inbox WHERE kind = 'event'`.execute(db);
    await sql`ALTER TABLE inbox DROP CONSTRAINT IF EXISTS inbox_kind_check`.execute(db);
    await sql`ALTER TABLE inbox ADD CONSTRAINT inbox_kind_check CHECK (kind IN ('message', 'timeout'))`.execute(db);
  },
};
