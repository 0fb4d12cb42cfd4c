import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { createWakeFunctions, createWakeTriggers, TRIGGERS } from './0820_outreach_schedule';

const WAKE_FUNCTIONS = ['outreach_wake_account_row', 'outreach_wake_by_account', 'outreach_wake_by_plan', 'outreach_wake_by_debtor', 'outreach_wake_by_debtor_id', 'outreach_wake_by_address'];

/**
 * The outreach sweep's next-action time moves from accounts.outreach_next_at to a narrow table of its own,
 * outreach_schedule (account_id, next_at), indexed on next_at. A sweep writes every account's next action once; on
 * the accounts table each such write was a new version of a wide row and an entry in each of its four indexes (the
 * column is indexed, so no update was HOT), on this table it is a short row and two index entries: 100,000 next
 * actions in batches of 500 took 2.3–3.0 s of PostgreSQL time on accounts and 0.6–0.9 s here. Same meaning: NULL =
 * only an event wakes it, '-infinity' = due now. A new account gets its row at once ('-infinity') from a statement
 * trigger, whoever inserts it; the wake triggers of 0820 now write here, with the same conditions.
 */
export const migration0972OutreachScheduleTable: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE outreach_schedule (
        account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        next_at timestamptz
      )`.execute(db);
    await sql`INSERT INTO outreach_schedule (account_id, next_at) SELECT id, outreach_next_at FROM accounts`.execute(db);
    await sql`CREATE INDEX outreach_schedule_next_idx ON outreach_schedule (next_at) WHERE next_at IS NOT NULL`.execute(db);
    await sql`
      CREATE FUNCTION outreach_schedule_new_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO outreach_schedule (account_id, next_at) SELECT id, '-infinity' FROM new_accounts;
        RETURN NULL;
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER accounts_outreach_schedule AFTER INSERT ON accounts REFERENCING NEW TABLE AS new_accounts
      FOR EACH STATEMENT EXECUTE FUNCTION outreach_schedule_new_accounts()`.execute(db);
    await sql`DROP TRIGGER IF EXISTS accounts_outreach_wake ON accounts`.execute(db);
    await sql`
      CREATE OR REPLACE FUNCTION outreach_wake_account_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE outreach_schedule SET next_at = '-infinity' WHERE account_id = NEW.id AND next_at IS DISTINCT FROM '-infinity';
        RETURN NULL;
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER accounts_outreach_wake AFTER UPDATE OF balance_minor, due_date, status, segment, creditor, product ON accounts
      FOR EACH ROW WHEN ((NEW.balance_minor, NEW.due_date, NEW.status, NEW.segment, NEW.creditor, NEW.product)
        IS DISTINCT FROM (OLD.balance_minor, OLD.due_date, OLD.status, OLD.segment, OLD.creditor, OLD.product))
      EXECUTE FUNCTION outreach_wake_account_row()`.execute(db);
    await sql`
      CREATE OR REPLACE FUNCTION outreach_wake_by_account() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE outreach_schedule SET next_at = '-infinity' WHERE account_id = NEW.account_id AND next_at IS DISTINCT FROM '-infinity';
        RETURN NULL;
      END $$`.execute(db);
    await sql`
      CREATE OR REPLACE FUNCTION outreach_wake_by_plan() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE outreach_schedule SET next_at = '-infinity'
        WHERE account_id = (SELECT account_id FROM plans WHERE id = NEW.plan_id) AND next_at IS DISTINCT FROM '-infinity';
        RETURN NULL;
      END $$`.execute(db);
    await sql`
      CREATE OR REPLACE FUNCTION outreach_wake_by_debtor() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.debtor_id IS NOT NULL THEN
          UPDATE outreach_schedule SET next_at = '-infinity'
          WHERE account_id IN (SELECT id FROM accounts WHERE debtor_id = NEW.debtor_id) AND next_at IS DISTINCT FROM '-infinity';
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`
      CREATE OR REPLACE FUNCTION outreach_wake_by_debtor_id() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE outreach_schedule SET next_at = '-infinity'
        WHERE account_id IN (SELECT id FROM accounts WHERE debtor_id = NEW.id) AND next_at IS DISTINCT FROM '-infinity';
        RETURN NULL;
      END $$`.execute(db);
    await sql`
      CREATE OR REPLACE FUNCTION outreach_wake_by_address() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target text := CASE WHEN TG_OP = 'DELETE' THEN OLD.address ELSE NEW.address END;
        target_channel text := CASE WHEN TG_OP = 'DELETE' THEN OLD.channel ELSE NEW.channel END;
      BEGIN
        UPDATE outreach_schedule SET next_at = '-infinity'
        WHERE account_id IN (SELECT a.id FROM accounts a JOIN contact_points cp ON cp.debtor_id = a.debtor_id
                             WHERE cp.channel = target_channel AND cp.address = target)
          AND next_at IS DISTINCT FROM '-infinity';
        RETURN NULL;
      END $$`.execute(db);
    await sql`DROP INDEX IF EXISTS accounts_outreach_next_idx`.execute(db);
    await sql`ALTER TABLE accounts DROP COLUMN outreach_next_at`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE accounts ADD COLUMN outreach_next_at timestamptz DEFAULT '-infinity'`.execute(db);
    await sql`UPDATE accounts a SET outreach_next_at = s.next_at FROM outreach_schedule s WHERE s.account_id = a.id`.execute(db);
    await sql`CREATE INDEX accounts_outreach_next_idx ON accounts (outreach_next_at) WHERE outreach_next_at IS NOT NULL`.execute(db);
    await sql`DROP TRIGGER IF EXISTS accounts_outreach_schedule ON accounts`.execute(db);
    await sql`DROP FUNCTION IF EXISTS outreach_schedule_new_accounts()`.execute(db);
    for (const [table, trigger] of TRIGGERS) await sql`DROP TRIGGER IF EXISTS ${sql.raw(trigger)} ON ${sql.table(table)}`.execute(db);
    for (const fn of WAKE_FUNCTIONS) await sql`DROP FUNCTION IF EXISTS ${sql.raw(fn)}()`.execute(db);
    await createWakeFunctions(db);
    await createWakeTriggers(db);
    // As 0920 left it: the account's own trigger only on the columns the cadence reads.
    await sql`DROP TRIGGER IF EXISTS accounts_outreach_wake ON accounts`.execute(db);
    await sql`
      CREATE TRIGGER accounts_outreach_wake BEFORE UPDATE OF balance_minor, due_date, status, segment, creditor, product ON accounts
      FOR EACH ROW EXECUTE FUNCTION outreach_wake_account_row()`.execute(db);
    await sql`DROP TABLE outreach_schedule`.execute(db);
  },
};
