import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Failed deliveries, newest last: the console's live feed reads the latest moment an outbound message failed (a
 * status callback, or a send that failed for good) in one probe of this index, and pushes a change so that open
 * transcripts and the inbox show the failure without a reload. Only failed rows are in it, so sending and the
 * status updates of the rows that do arrive write nothing to it.
 */
export const migration0961OutboxFailedIndex: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`CREATE INDEX outbox_failed_idx ON outbox (updated_at) WHERE status = 'failed'`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS outbox_failed_idx`.execute(db);
  },
};
