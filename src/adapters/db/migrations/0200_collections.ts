import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The collections ledger: accounts, payments, plans and their installments, promises-to-pay, disputes,
 * hashed verification factors and their attempt state, wrong-party marks, the supervisor approval queue and a
 * durable queue of domain events (payment_received) for the conversation pipeline.
 *
 * Money is bigint minor units with its ISO 4217 currency. Calendar dates (due dates) are ISO `YYYY-MM-DD` text
 * checked by pattern: they are days on the debtor's calendar with no time zone, and pg's DATE parser would turn
 * them into local-midnight JS Dates. Consent per channel stays on contact_points (consent column).
 */
export const migration0200Collections: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const isoDate = (column: string) => sql.raw(`CHECK (${column} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')`);
    await sql`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        debtor_id uuid NOT NULL REFERENCES debtors(id) ON DELETE CASCADE,
        external_id text NOT NULL UNIQUE,
        creditor text NOT NULL,
        product text NOT NULL,
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        balance_minor bigint NOT NULL CHECK (balance_minor >= 0),
        principal_minor bigint,
        interest_minor bigint,
        fees_minor bigint,
        due_date text NOT NULL ${isoDate('due_date')},
        segment text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paid', 'disputed', 'closed')),
        paused_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX accounts_debtor_idx ON accounts (debtor_id)`.execute(db);

    await sql`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        external_id text NOT NULL UNIQUE,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency text NOT NULL,
        paid_at timestamptz NOT NULL,
        source text NOT NULL,
        applied_minor bigint NOT NULL,
        overpayment_minor bigint NOT NULL,
        balance_after_minor bigint NOT NULL,
        result jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX payments_account_idx ON payments (account_id, paid_at)`.execute(db);

    await sql`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        conversation_id uuid REFERENCES conversations(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'broken', 'cancelled')),
        total_minor bigint NOT NULL CHECK (total_minor > 0),
        currency text NOT NULL,
        down_payment_minor bigint,
        installment_count integer NOT NULL CHECK (installment_count > 0),
        frequency text NOT NULL CHECK (frequency IN ('weekly', 'biweekly', 'monthly')),
        first_due_date text NOT NULL ${isoDate('first_due_date')},
        last_due_date text NOT NULL ${isoDate('last_due_date')},
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    // At most one active plan per account: payments pay its installments.
    await sql`CREATE UNIQUE INDEX plans_active_account_idx ON plans (account_id) WHERE status = 'active'`.execute(db);
    await sql`CREATE INDEX plans_created_idx ON plans (created_at DESC, id DESC)`.execute(db);

    await sql`
      CREATE TABLE plan_installments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number >= 0),
        kind text NOT NULL CHECK (kind IN ('down_payment', 'installment')),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        due_date text NOT NULL ${isoDate('due_date')},
        paid_minor bigint NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'partial', 'paid')),
        UNIQUE (plan_id, number)
      )`.execute(db);

    await sql`
      CREATE TABLE promises (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency text NOT NULL,
        due_date text NOT NULL ${isoDate('due_date')},
        made_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'kept', 'partially_kept', 'broken', 'cancelled')),
        paid_minor bigint NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
        conversation_id uuid REFERENCES conversations(id) ON DELETE SET NULL,
        message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
        evaluated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    // One open promise per account: a new promise replaces (cancels) the previous one.
    await sql`CREATE UNIQUE INDEX promises_pending_account_idx ON promises (account_id) WHERE status = 'pending'`.execute(db);
    await sql`CREATE INDEX promises_pending_due_idx ON promises (due_date) WHERE status = 'pending'`.execute(db);
    await sql`CREATE INDEX promises_created_idx ON promises (created_at DESC, id DESC)`.execute(db);

    await sql`
      CREATE TABLE disputes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        conversation_id uuid REFERENCES conversations(id) ON DELETE SET NULL,
        reason_code text NOT NULL DEFAULT 'unspecified',
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'rejected')),
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz
      )`.execute(db);
    await sql`CREATE INDEX disputes_account_idx ON disputes (account_id)`.execute(db);

    await sql`
      CREATE TABLE verification_factors (
        debtor_id uuid NOT NULL REFERENCES debtors(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('document_last4', 'birth_date')),
        hash text NOT NULL,
        salt text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (debtor_id, kind)
      )`.execute(db);

    await sql`
      CREATE TABLE verification_state (
        debtor_id uuid PRIMARY KEY REFERENCES debtors(id) ON DELETE CASCADE,
        attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);

    await sql`
      CREATE TABLE wrong_party_marks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL,
        address text NOT NULL,
        debtor_id uuid NOT NULL REFERENCES debtors(id) ON DELETE CASCADE,
        conversation_id uuid REFERENCES conversations(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (channel, address, debtor_id)
      )`.execute(db);

    await sql`
      CREATE TABLE approval_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        debtor_id uuid NOT NULL REFERENCES debtors(id) ON DELETE CASCADE,
        account_id uuid REFERENCES accounts(id) ON DELETE CASCADE,
        conversation_id uuid REFERENCES conversations(id) ON DELETE SET NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        decided_by text,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX approval_requests_pending_idx ON approval_requests (created_at) WHERE status = 'pending'`.execute(db);

    // Transactional outbox of domain events (payment_received) for the conversation pipeline to pick up.
    await sql`
      CREATE TABLE collection_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        ref_id text NOT NULL,
        debtor_id uuid NOT NULL REFERENCES debtors(id) ON DELETE CASCADE,
        conversation_id uuid REFERENCES conversations(id) ON DELETE CASCADE,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        UNIQUE (name, ref_id)
      )`.execute(db);
    await sql`CREATE INDEX collection_events_pending_idx ON collection_events (created_at) WHERE dispatched_at IS NULL`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    const tables = [
      'collection_events', 'approval_requests', 'wrong_party_marks', 'verification_state', 'verification_factors',
      'disputes', 'promises', 'plan_installments', 'plans', 'payments', 'accounts',
    ];
    for (const table of tables) await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
  },
};
