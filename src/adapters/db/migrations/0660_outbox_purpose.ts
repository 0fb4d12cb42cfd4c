import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * What the send stage needs to put every outbound message through the compliance gate:
 * - purpose: 'reply' (an answer to what the debtor just wrote: consent, opt-out, wrong-party and channel rules),
 *   'proactive' (cadence steps, inactivity reminders, anything the debtor did not just ask for: every rule) or
 *   'agent' (written by a person in the console).
 * - content_sid / content_variables: a WhatsApp approved template (Twilio Content API) to send instead of the body
 *   when the 24-hour customer-service window is closed.
 * - hold_reason: the gate's reason code while a row waits for its next allowed moment (status stays 'pending',
 *   next_attempt_at moves to that moment); a row the gate skips for good becomes 'dropped' with error_code = reason.
 */
export const migration0660OutboxPurpose: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE outbox ADD COLUMN purpose text NOT NULL DEFAULT 'reply' CHECK (purpose IN ('reply', 'proactive', 'agent'))`.execute(db);
    await sql`ALTER TABLE outbox ADD COLUMN content_sid text`.execute(db);
    await sql`ALTER TABLE outbox ADD COLUMN content_variables jsonb`.execute(db);
    await sql`ALTER TABLE outbox ADD COLUMN hold_reason text`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const column of ['hold_reason', 'content_variables', 'content_sid', 'purpose']) {
      await sql`ALTER TABLE outbox DROP COLUMN IF EXISTS ${sql.ref(column)}`.execute(db);
    }
  },
};
