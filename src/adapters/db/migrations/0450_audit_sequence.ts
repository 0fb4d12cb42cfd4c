import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Audit events written in one transaction share the same `at`, so `at` alone cannot order them. A sequence
 * gives the audit trail a total order (the order the events were written), which readers sort by.
 */
export const migration0450AuditSequence: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE audit_events ADD COLUMN seq bigserial`.execute(db);
    await sql`CREATE INDEX audit_events_conversation_seq_idx ON audit_events (conversation_id, seq)`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS audit_events_conversation_seq_idx`.execute(db);
    await sql`ALTER TABLE audit_events DROP COLUMN IF EXISTS seq`.execute(db);
  },
};
