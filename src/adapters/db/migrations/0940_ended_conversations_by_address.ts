import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The last ended conversation of an address, found by index: a new conversation there picks up from it (continuity
 * within REVERIFY_AFTER_MINUTES, keyed by channel and address). verification_state.verified_at (0840) is no longer
 * read: a passed verification now lives in the conversation's session, so it carries over only at that address.
 */
export const migration0940EndedConversationsByAddress: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`CREATE INDEX conversations_ended_address_idx ON conversations (channel, address, updated_at DESC) WHERE status = 'ended'`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS conversations_ended_address_idx`.execute(db);
  },
};
