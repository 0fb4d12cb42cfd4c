import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The outreach scheduler's state:
 * - accounts.outreach_next_at: when the sweep should next decide about the account (indexed; NULL = only an event
 *   wakes it; '-infinity' = now, whatever the clock says). New accounts start at '-infinity'.
 * - outreach_sends: one row per cadence step written, unique (account, step, local date of the step), inserted in
 *   the same transaction as the outbox row, so a crash, a restart or two workers never write a step twice
 *   (outbox_id has no foreign key: the send is recorded before its outbox row, and history outlives the outbox).
 * - triggers that move an account's next action to '-infinity' at once when something the decision reads changes:
 *   the account itself (balance, due date, status, segment), a payment, a promise, a plan or an installment, a
 *   dispute, a hand-off flag, a wrong-party mark, an opt-out or re-subscribe of one of its addresses, the debtor's
 *   deceased mark or preferred contact time. They write nothing else and never read the clock.
 */
export const migration0820OutreachSchedule: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE accounts ADD COLUMN outreach_next_at timestamptz DEFAULT '-infinity'`.execute(db);
    await sql`UPDATE accounts SET outreach_next_at = '-infinity'`.execute(db);
    await sql`CREATE INDEX accounts_outreach_next_idx ON accounts (outreach_next_at) WHERE outreach_next_at IS NOT NULL`.execute(db);
    await sql`
      CREATE TABLE outreach_sends (
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        step text NOT NULL,
        local_date text NOT NULL,
        cadence_id text NOT NULL,
        channel text NOT NULL,
        outbox_id uuid,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, step, local_date)
      )`.execute(db);
    await sql`CREATE INDEX outreach_sends_account_created_idx ON outreach_sends (account_id, created_at DESC)`.execute(db);
    // The WhatsApp window and the quiet period read the last inbound message at an address, ended conversations included.
    await sql`CREATE INDEX conversations_address_inbound_idx ON conversations (address, channel, last_inbound_at) WHERE last_inbound_at IS NOT NULL`.execute(db);
    // The gate's caps read a debtor's recent proactive messages by conversation.
    await sql`CREATE INDEX outbox_proactive_conversation_idx ON outbox (conversation_id, created_at) WHERE purpose = 'proactive'`.execute(db);
    await createWakeFunctions(db);
    await createWakeTriggers(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const [table, trigger] of TRIGGERS) await sql`DROP TRIGGER IF EXISTS ${sql.raw(trigger)} ON ${sql.table(table)}`.execute(db);
    for (const fn of ['outreach_wake_account_row', 'outreach_wake_by_account', 'outreach_wake_by_plan', 'outreach_wake_by_debtor', 'outreach_wake_by_debtor_id', 'outreach_wake_by_address']) {
      await sql`DROP FUNCTION IF EXISTS ${sql.raw(fn)}() CASCADE`.execute(db);
    }
    await sql`DROP INDEX IF EXISTS outbox_proactive_conversation_idx`.execute(db);
    await sql`DROP INDEX IF EXISTS conversations_address_inbound_idx`.execute(db);
    await sql`DROP TABLE IF EXISTS outreach_sends`.execute(db);
    await sql`ALTER TABLE accounts DROP COLUMN IF EXISTS outreach_next_at`.execute(db);
  },
};

export const TRIGGERS: Array<[string, string]> = [
  ['accounts', 'accounts_outreach_wake'],
  ['payments', 'payments_outreach_wake'],
  ['promises', 'promises_outreach_wake'],
  ['plans', 'plans_outreach_wake'],
  ['plan_installments', 'plan_installments_outreach_wake'],
  ['disputes', 'disputes_outreach_wake'],
  ['debtors', 'debtors_outreach_wake'],
  ['wrong_party_marks', 'wrong_party_marks_outreach_wake'],
  ['conversations', 'conversations_outreach_wake'],
  ['address_opt_outs', 'address_opt_outs_outreach_wake'],
];

/** The wake functions as 0820 made them (0972 goes back to them on the way down). */
export async function createWakeFunctions(db: Kysely<unknown>): Promise<void> {
  // The account row itself: a change of what the cadence reads wakes it (the sweep's own writes touch only outreach_next_at).
  await sql`
    CREATE FUNCTION outreach_wake_account_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (NEW.balance_minor, NEW.due_date, NEW.status, NEW.segment, NEW.creditor, NEW.product)
         IS DISTINCT FROM (OLD.balance_minor, OLD.due_date, OLD.status, OLD.segment, OLD.creditor, OLD.product) THEN
        NEW.outreach_next_at := '-infinity';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION outreach_wake_by_account() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE accounts SET outreach_next_at = '-infinity'
      WHERE id = NEW.account_id AND outreach_next_at IS DISTINCT FROM '-infinity';
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION outreach_wake_by_plan() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE accounts SET outreach_next_at = '-infinity'
      WHERE id = (SELECT account_id FROM plans WHERE id = NEW.plan_id) AND outreach_next_at IS DISTINCT FROM '-infinity';
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION outreach_wake_by_debtor() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.debtor_id IS NOT NULL THEN
        UPDATE accounts SET outreach_next_at = '-infinity'
        WHERE debtor_id = NEW.debtor_id AND outreach_next_at IS DISTINCT FROM '-infinity';
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION outreach_wake_by_debtor_id() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE accounts SET outreach_next_at = '-infinity'
      WHERE debtor_id = NEW.id AND outreach_next_at IS DISTINCT FROM '-infinity';
      RETURN NULL;
    END $$`.execute(db);
  // An opt-out belongs to the address: wake every account of every debtor reached there.
  await sql`
    CREATE FUNCTION outreach_wake_by_address() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      target text := CASE WHEN TG_OP = 'DELETE' THEN OLD.address ELSE NEW.address END;
      target_channel text := CASE WHEN TG_OP = 'DELETE' THEN OLD.channel ELSE NEW.channel END;
    BEGIN
      UPDATE accounts SET outreach_next_at = '-infinity'
      WHERE debtor_id IN (SELECT debtor_id FROM contact_points WHERE channel = target_channel AND address = target)
        AND outreach_next_at IS DISTINCT FROM '-infinity';
      RETURN NULL;
    END $$`.execute(db);
}

/** The wake triggers as 0820 made them. */
export async function createWakeTriggers(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TRIGGER accounts_outreach_wake BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION outreach_wake_account_row()`,
    `CREATE TRIGGER payments_outreach_wake AFTER INSERT ON payments FOR EACH ROW EXECUTE FUNCTION outreach_wake_by_account()`,
    `CREATE TRIGGER promises_outreach_wake AFTER INSERT OR UPDATE OF status, due_date ON promises FOR EACH ROW EXECUTE FUNCTION outreach_wake_by_account()`,
    `CREATE TRIGGER plans_outreach_wake AFTER INSERT OR UPDATE OF status ON plans FOR EACH ROW EXECUTE FUNCTION outreach_wake_by_account()`,
    `CREATE TRIGGER plan_installments_outreach_wake AFTER UPDATE OF status ON plan_installments FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION outreach_wake_by_plan()`,
    `CREATE TRIGGER disputes_outreach_wake AFTER INSERT OR UPDATE OF status ON disputes FOR EACH ROW EXECUTE FUNCTION outreach_wake_by_account()`,
    `CREATE TRIGGER debtors_outreach_wake AFTER UPDATE OF deceased_at, preferred_contact ON debtors FOR EACH ROW
       WHEN (OLD.deceased_at IS DISTINCT FROM NEW.deceased_at OR OLD.preferred_contact IS DISTINCT FROM NEW.preferred_contact)
       EXECUTE FUNCTION outreach_wake_by_debtor_id()`,
    `CREATE TRIGGER wrong_party_marks_outreach_wake AFTER INSERT ON wrong_party_marks FOR EACH ROW EXECUTE FUNCTION outreach_wake_by_debtor()`,
    `CREATE TRIGGER conversations_outreach_wake AFTER UPDATE OF handoff ON conversations FOR EACH ROW WHEN (OLD.handoff IS DISTINCT FROM NEW.handoff) EXECUTE FUNCTION outreach_wake_by_debtor()`,
    `CREATE TRIGGER address_opt_outs_outreach_wake AFTER INSERT OR DELETE ON address_opt_outs FOR EACH ROW EXECUTE FUNCTION outreach_wake_by_address()`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
