import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Statuses of the person behind an address and of the debtor, that every sender (bot, cadence, person) respects:
 * - address_opt_outs: the person at (contact channel, address) asked not to be written to. It belongs to the
 *   address, not to whichever debtor a portfolio file says owns it, so no import can undo it. Only the person,
 *   by writing an explicit re-subscribe (START, ALTA), removes the row, and that is audited. Sending requires
 *   contact_points.consent (what the creditor's file says) AND no row here.
 * - debtors.deceased_at: recorded when a third party says the debtor died; collection stops, a person follows up.
 * - debtors.preferred_contact: a contact time the debtor asked for ("write me after 6", "tomorrow"), as JSON
 *   `{ window?: { from: 'HH:MM', to: 'HH:MM' }, notBefore?: ISO instant, recordedAt: ISO instant }`, in the
 *   debtor's own time zone; the outreach cadences move their steps to it.
 */
export const migration0650ContactStatuses: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE address_opt_outs (
        channel text NOT NULL,
        address text NOT NULL,
        opted_out_at timestamptz NOT NULL,
        source text NOT NULL,
        conversation_id uuid,
        PRIMARY KEY (channel, address)
      )`.execute(db);
    // Every opt-out recorded so far is one the person sent (imports never withdrew consent on the debtor's behalf
    // without a file saying so), so carry the withdrawn contact points over as address opt-outs.
    await sql`
      INSERT INTO address_opt_outs (channel, address, opted_out_at, source)
      SELECT DISTINCT ON (channel, address) channel, address, coalesce(consent_updated_at, now()), 'migrated'
      FROM contact_points WHERE NOT consent AND consent_updated_at IS NOT NULL
      ON CONFLICT DO NOTHING`.execute(db);
    await sql`ALTER TABLE debtors ADD COLUMN deceased_at timestamptz`.execute(db);
    await sql`ALTER TABLE debtors ADD COLUMN preferred_contact jsonb`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE debtors DROP COLUMN IF EXISTS preferred_contact`.execute(db);
    await sql`ALTER TABLE debtors DROP COLUMN IF EXISTS deceased_at`.execute(db);
    await sql`DROP TABLE IF EXISTS address_opt_outs`.execute(db);
  },
};
