import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * What the outbox needs to send each reply once through crashes and provider faults, and the inbox to hand a dead
 * process's work over at once:
 * - claim_owners: one row per running process (its owner id, and the advisory lock key it holds on a connection of
 *   its own for as long as it lives). A claim whose owner's lock is free, registered under the running PostgreSQL
 *   server, belongs to a dead process and is taken over without waiting for the lease.
 * - inbox.claimed_by / outbox.claimed_by: the owner id of the claim.
 * - outbox.unconfirmed_since: set while an attempt may have reached the provider without its outcome recorded (a
 *   crash mid-send, a timeout): before sending again the sender asks the provider what it accepted since then.
 * - outbox.first_attempt_at: when the provider was first called; the retry budget runs from it (a row the compliance
 *   gate holds until morning has not started its budget).
 * - outbox.notice: a code set on the next reply of a conversation whose earlier reply failed for good; that reply goes
 *   out with a short notice before it, so the debtor is never answered out of order without being told.
 */
export const migration0720DeliveryClaims: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE claim_owners (
        id text PRIMARY KEY,
        lock_key serial NOT NULL UNIQUE,
        role text NOT NULL,
        host text NOT NULL,
        pid integer NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        postmaster_started_at timestamptz
      )`.execute(db);
    await sql`ALTER TABLE inbox ADD COLUMN claimed_by text`.execute(db);
    await sql`ALTER TABLE outbox ADD COLUMN claimed_by text`.execute(db);
    await sql`ALTER TABLE outbox ADD COLUMN unconfirmed_since timestamptz`.execute(db);
    await sql`ALTER TABLE outbox ADD COLUMN first_attempt_at timestamptz`.execute(db);
    await sql`ALTER TABLE outbox ADD COLUMN notice text`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const column of ['notice', 'first_attempt_at', 'unconfirmed_since', 'claimed_by']) {
      await sql`ALTER TABLE outbox DROP COLUMN IF EXISTS ${sql.ref(column)}`.execute(db);
    }
    await sql`ALTER TABLE inbox DROP COLUMN IF EXISTS claimed_by`.execute(db);
    await sql`DROP TABLE IF EXISTS claim_owners`.execute(db);
  },
};
