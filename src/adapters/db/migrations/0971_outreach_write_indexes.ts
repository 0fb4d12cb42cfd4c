import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Two indexes every proactive message paid for at write time and no read needed (bench:outreach writes 75,000 steps
 * a sweep): outbox_proactive_history_idx (conversation_id, sent_at) duplicates the prefix of
 * outbox_proactive_conversation_idx (conversation_id, created_at), which the gate's history reads use; and
 * outreach_sends_account_created_idx (account_id, created_at) duplicates the prefix of the table's primary key
 * (account_id, step, local_date), which finds an account's few sends as well.
 */
export const migration0971OutreachWriteIndexes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS outbox_proactive_history_idx`.execute(db);
    await sql`DROP INDEX IF EXISTS outreach_sends_account_created_idx`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`CREATE INDEX IF NOT EXISTS outbox_proactive_history_idx ON outbox (conversation_id, sent_at) WHERE purpose = 'proactive'`.execute(db);
    await sql`CREATE INDEX IF NOT EXISTS outreach_sends_account_created_idx ON outreach_sends (account_id, created_at DESC)`.execute(db);
  },
};
