import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * verification_state.verified_at: when the debtor last passed identity verification. A debtor who writes again
 * within REVERIFY_AFTER_MINUTES picks up where they were instead of being asked for their ID again.
 */
export const migration0840VerifiedAt: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE verification_state ADD COLUMN verified_at timestamptz`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE verification_state DROP COLUMN IF EXISTS verified_at`.execute(db);
  },
};
