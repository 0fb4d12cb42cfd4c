import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * When a claimed proactive outbox row last passed the compliance gate. Senders decide a debtor's proactive messages
 * one at a time (under the debtor's advisory lock), and a row in flight counts in the debtor's contact history only
 * once it has passed: a row merely claimed, which may yet be held, no longer makes another row wait, and two rows
 * claimed together can no longer both be held, nor both pass, on the same day. A claim clears it.
 */
export const migration0970OutboxGatePassed: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE outbox ADD COLUMN gate_passed_at timestamptz`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE outbox DROP COLUMN IF EXISTS gate_passed_at`.execute(db);
  },
};
