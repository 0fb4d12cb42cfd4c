import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Service foundation: debtors and their contact points, conversations and messages, the durable inbox and
 * outbox, audit events and inactivity timers. Collections tables (accounts, payments, promises, plans) come later
 * and reference debtors(id) and conversations(id).
 */
export const migration0001Foundation: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE debtors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        external_id text NOT NULL UNIQUE,
        first_name text NOT NULL,
        last_name text NOT NULL DEFAULT '',
        locale text NOT NULL,
        timezone text NOT NULL,
        country text NOT NULL,
        profile jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);

    await sql`
      CREATE TABLE contact_points (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        debtor_id uuid NOT NULL REFERENCES debtors(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('sms', 'whatsapp', 'baileys', 'web')),
        address text NOT NULL,
        consent boolean NOT NULL DEFAULT true,
        consent_updated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (channel, address)
      )`.execute(db);
    await sql`CREATE INDEX contact_points_debtor_idx ON contact_points (debtor_id)`.execute(db);

    await sql`
      CREATE TABLE conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        debtor_id uuid REFERENCES debtors(id) ON DELETE CASCADE,
        channel text NOT NULL,
        address text NOT NULL,
        flow_id text,
        flow_version text,
        state text,
        session jsonb,
        last_inbound_at timestamptz,
        handoff boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('active', 'ended', 'unknown_contact')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    // One open conversation per address; ended ones are kept for the transcript.
    await sql`CREATE UNIQUE INDEX conversations_open_address_idx ON conversations (channel, address) WHERE status <> 'ended'`.execute(db);
    await sql`CREATE INDEX conversations_debtor_idx ON conversations (debtor_id)`.execute(db);
    await sql`CREATE INDEX conversations_updated_idx ON conversations (updated_at DESC)`.execute(db);

    await sql`
      CREATE TABLE inbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        kind text NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'timeout')),
        channel text NOT NULL,
        provider_message_id text NOT NULL,
        from_address text NOT NULL,
        to_address text,
        body text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        received_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'done', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        processed_at timestamptz,
        error_code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (channel, provider_message_id)
      )`.execute(db);
    await sql`CREATE INDEX inbox_open_idx ON inbox (seq) WHERE status IN ('pending', 'processing')`.execute(db);
    await sql`CREATE INDEX inbox_open_address_idx ON inbox (channel, from_address, seq) WHERE status IN ('pending', 'processing')`.execute(db);

    await sql`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position bigserial NOT NULL UNIQUE,
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        direction text NOT NULL CHECK (direction IN ('in', 'out')),
        body text NOT NULL,
        template text,
        inbox_id uuid REFERENCES inbox(id) ON DELETE SET NULL,
        outbox_id uuid,
        provider_message_id text,
        status text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX messages_conversation_idx ON messages (conversation_id, position)`.execute(db);
    await sql`CREATE INDEX messages_provider_idx ON messages (provider_message_id) WHERE provider_message_id IS NOT NULL`.execute(db);

    await sql`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        position bigserial NOT NULL UNIQUE,
        message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
        inbox_id uuid REFERENCES inbox(id) ON DELETE SET NULL,
        seq integer NOT NULL DEFAULT 0,
        channel text NOT NULL,
        to_address text NOT NULL,
        body text NOT NULL,
        template text,
        allow_after_opt_out boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'dropped')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        provider_message_id text,
        provider_status text,
        error_code text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (inbox_id, seq)
      )`.execute(db);
    await sql`CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending')`.execute(db);
    await sql`CREATE INDEX outbox_open_conversation_idx ON outbox (conversation_id, position) WHERE status IN ('pending', 'sending')`.execute(db);
    await sql`CREATE INDEX outbox_provider_idx ON outbox (provider_message_id) WHERE provider_message_id IS NOT NULL`.execute(db);

    await sql`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        conversation_id uuid REFERENCES conversations(id) ON DELETE CASCADE,
        debtor_id uuid REFERENCES debtors(id) ON DELETE CASCADE,
        code text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb
      )`.execute(db);
    await sql`CREATE INDEX audit_events_conversation_idx ON audit_events (conversation_id, at)`.execute(db);

    await sql`
      CREATE TABLE scheduled_timers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        timer text NOT NULL,
        due_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (conversation_id, timer)
      )`.execute(db);
    await sql`CREATE INDEX scheduled_timers_due_idx ON scheduled_timers (due_at)`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['scheduled_timers', 'audit_events', 'outbox', 'messages', 'inbox', 'conversations', 'contact_points', 'debtors']) {
      await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
    }
  },
};
