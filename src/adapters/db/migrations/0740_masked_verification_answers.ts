import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { maskVerificationAnswer } from '../../../core/guardrails/maskVerificationAnswer';

/** Replies that only ever answer a verification attempt: the inbound message they answer was a verification answer. */
const ANSWER_REPLIES = ['verified', 'identity_mismatch', 'too_many_attempts', 'identifier_hint'];
const BATCH = 1000;

/**
 * Verification answers (document digits, birth dates) were stored as typed, in messages and in the inbox, and shown
 * to every transcript reader. From now on the pipeline stores them masked (maskVerificationAnswer); this masks the
 * ones already stored: the inbound messages a verification reply answered, and their inbox rows. Not reversible
 * (down does nothing: the answers are gone, which is the point).
 */
export const migration0740MaskedVerificationAnswers: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (let after = ''; ; ) {
      const found = await sql<{ id: string; inbox_id: string | null; body: string }>`
        SELECT m.id::text AS id, m.inbox_id::text AS inbox_id, m.body FROM messages m
        WHERE m.direction = 'in' AND m.id::text > ${after} AND EXISTS (
          SELECT 1 FROM messages r WHERE r.inbox_id = m.inbox_id AND r.direction = 'out' AND r.template IN (${sql.join(ANSWER_REPLIES.map((t) => sql`${t}`))}))
        ORDER BY m.id::text LIMIT ${BATCH}`.execute(db);
      const last = found.rows.at(-1);
      if (!last) return;
      after = last.id;
      const masked = found.rows.map((r) => ({ id: r.id, inbox_id: r.inbox_id, body: maskVerificationAnswer(r.body) })).filter((r, k) => r.body !== found.rows[k]?.body);
      if (masked.length === 0) continue;
      const rows = JSON.stringify(masked);
      await sql`UPDATE messages SET body = k.body FROM jsonb_to_recordset(${rows}::jsonb) AS k(id uuid, body text) WHERE messages.id = k.id`.execute(db);
      await sql`UPDATE inbox SET body = k.body FROM jsonb_to_recordset(${rows}::jsonb) AS k(inbox_id uuid, body text) WHERE inbox.id = k.inbox_id`.execute(db);
    }
  },
  async down(): Promise<void> {
    // Masked answers stay masked.
  },
};
