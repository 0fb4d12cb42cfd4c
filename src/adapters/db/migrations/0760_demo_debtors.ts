import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * debtors.demo marks the shipped demo debtors, the only ones the web simulator lists or opens sessions for. It was
 * an external-id prefix (`demo-…`), so an imported real debtor named `demo-real-1` became chattable by anyone. Only
 * seedDemo sets the flag; no import can. The six debtors the demo portfolio has shipped so far are marked here.
 */
export const migration0760DemoDebtors: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE debtors ADD COLUMN demo boolean NOT NULL DEFAULT false`.execute(db);
    await sql`
      UPDATE debtors SET demo = true
      WHERE external_id IN ('demo-co-maria', 'demo-mx-jose', 'demo-pe-rosa', 'demo-cl-pablo', 'demo-es-lucia', 'demo-us-john')`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE debtors DROP COLUMN IF EXISTS demo`.execute(db);
  },
};
