import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * debtors.region: the debtor's ISO 3166-2 subdivision (CL-RM, ES-MD, US-CA) from the portfolio's optional `region`
 * column, or NULL. The compliance gate closes the region's public holidays as well as the country's.
 */
export const migration0921DebtorRegion: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE debtors ADD COLUMN region text`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE debtors DROP COLUMN IF EXISTS region`.execute(db);
  },
};
