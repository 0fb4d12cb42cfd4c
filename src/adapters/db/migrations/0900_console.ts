import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The supervisor console (issue 13):
 * - console_users (admin, supervisor, viewer) with scrypt password hashes; console_sessions keyed by the SHA-256 of
 *   the cookie value (the value itself is never stored) with the session's CSRF token; console_login_failures for
 *   throttling sign-in across every web process.
 * - conversations: handoff_at (since when a person is wanted: set by a trigger whenever handoff turns true, from the
 *   row's updated_at, which every writer sets from its clock), taken_by / taken_at (which console user has it).
 *   `handoff = true` stays the one "bot silent" flag the pipeline reads; the trigger clears the person columns when
 *   handoff turns false, so the two can never disagree.
 * - messages.sent_by: the console user who wrote an outbound message (null for the bot); conversation_notes: internal
 *   notes that are never sent.
 * - a full-text index over message bodies in Spanish and English (one GIN index on both configurations).
 */
export const migration0900Console: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE console_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'viewer')),
        password_hash text NOT NULL,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE UNIQUE INDEX console_users_email_idx ON console_users (lower(email))`.execute(db);
    await sql`
      CREATE TABLE console_sessions (
        id_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES console_users(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX console_sessions_user_idx ON console_sessions (user_id)`.execute(db);
    await sql`
      CREATE TABLE console_login_failures (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX console_login_failures_email_idx ON console_login_failures (email, at)`.execute(db);
    await sql`CREATE INDEX console_login_failures_ip_idx ON console_login_failures (ip, at)`.execute(db);

    await sql`ALTER TABLE conversations ADD COLUMN handoff_at timestamptz`.execute(db);
    await sql`ALTER TABLE conversations ADD COLUMN taken_by uuid REFERENCES console_users(id)`.execute(db);
    await sql`ALTER TABLE conversations ADD COLUMN taken_at timestamptz`.execute(db);
    await sql`UPDATE conversations SET handoff_at = updated_at WHERE handoff`.execute(db);
    await sql`
      CREATE FUNCTION conversations_track_handoff() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.handoff THEN
          IF TG_OP = 'INSERT' OR NOT OLD.handoff OR NEW.handoff_at IS NULL THEN
            NEW.handoff_at := COALESCE(NEW.handoff_at, NEW.updated_at);
          END IF;
        ELSE
          NEW.handoff_at := NULL;
          NEW.taken_by := NULL;
          NEW.taken_at := NULL;
        END IF;
        RETURN NEW;
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER conversations_track_handoff BEFORE INSERT OR UPDATE OF handoff, handoff_at, taken_by ON conversations
      FOR EACH ROW EXECUTE FUNCTION conversations_track_handoff()`.execute(db);
    // The waiting tab, oldest first (the other tabs page on the existing updated_at index); keyset on (time, id).
    await sql`CREATE INDEX conversations_waiting_idx ON conversations (handoff_at, id) WHERE handoff AND taken_by IS NULL AND status = 'active'`.execute(db);

    await sql`ALTER TABLE messages ADD COLUMN sent_by uuid`.execute(db);
    await sql`
      CREATE TABLE conversation_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES console_users(id),
        body text NOT NULL,
        created_at timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX conversation_notes_conversation_idx ON conversation_notes (conversation_id, created_at)`.execute(db);
    await sql`CREATE INDEX messages_body_fts_idx ON messages USING gin ((to_tsvector('spanish', body) || to_tsvector('english', body)))`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS messages_body_fts_idx`.execute(db);
    await sql`DROP TABLE IF EXISTS conversation_notes`.execute(db);
    await sql`ALTER TABLE messages DROP COLUMN IF EXISTS sent_by`.execute(db);
    await sql`DROP TRIGGER IF EXISTS conversations_track_handoff ON conversations`.execute(db);
    await sql`DROP FUNCTION IF EXISTS conversations_track_handoff()`.execute(db);
    await sql`DROP INDEX IF EXISTS conversations_waiting_idx`.execute(db);
    for (const column of ['taken_at', 'taken_by', 'handoff_at']) await sql`ALTER TABLE conversations DROP COLUMN IF EXISTS ${sql.ref(column)}`.execute(db);
    await sql`DROP TABLE IF EXISTS console_login_failures`.execute(db);
    await sql`DROP TABLE IF EXISTS console_sessions`.execute(db);
    await sql`DROP TABLE IF EXISTS console_users`.execute(db);
  },
};
