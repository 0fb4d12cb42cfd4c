import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The compliance gate reads, for every outbound row, the debtor's proactive contacts of the last two weeks across
 * all their conversations (frequency caps across channels and steps). The only index on outbox(conversation_id)
 * covers open rows, so without this one every gate call would scan the sent history. Partial: only proactive rows.
 */
export const migration0800ComplianceHistory: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`CREATE INDEX outbox_proactive_history_idx ON outbox (conversation_id, sent_at) WHERE purpose = 'proactive'`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS outbox_proactive_history_idx`.execute(db);
  },
};
