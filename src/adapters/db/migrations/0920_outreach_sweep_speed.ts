import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * What the outreach sweep's batches cost in PostgreSQL (bench:outreach, EXPLAIN ANALYZE per statement):
 * - accounts_outreach_wake ran its PL/pgSQL body on every update of an account, including the sweep's own two per
 *   account (the claim's lease and the next action), which change only outreach_next_at. It now fires only when an
 *   UPDATE names one of the columns the cadence reads (a BEFORE UPDATE OF trigger); what it does is unchanged.
 * - the hand-off check of every account read each batch scanned every conversation of the batch's debtors' kind (a
 *   hashed subplan over all conversations, which the sweep itself grows). Conversations a person has are few: a
 *   partial index by debtor holds just those.
 */
export const migration0920OutreachSweepSpeed: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`DROP TRIGGER IF EXISTS accounts_outreach_wake ON accounts`.execute(db);
    await sql`
      CREATE TRIGGER accounts_outreach_wake BEFORE UPDATE OF balance_minor, due_date, status, segment, creditor, product ON accounts
      FOR EACH ROW EXECUTE FUNCTION outreach_wake_account_row()`.execute(db);
    await sql`CREATE INDEX conversations_handoff_debtor_idx ON conversations (debtor_id) WHERE handoff AND status <> 'ended'`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS conversations_handoff_debtor_idx`.execute(db);
    await sql`DROP TRIGGER IF EXISTS accounts_outreach_wake ON accounts`.execute(db);
    await sql`CREATE TRIGGER accounts_outreach_wake BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION outreach_wake_account_row()`.execute(db);
  },
};
