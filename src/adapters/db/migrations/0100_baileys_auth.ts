import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * WhatsApp Web (Baileys) login state: the creds document and the Signal keys of each named session, one row per
 * (session, category, key id), the value being JSON written with Baileys' BufferJSON replacer. Kept in the
 * database rather than in files so any process can resume the session and a logout clears it in one statement.
 */
export const migration0100BaileysAuth: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('baileys_auth')
      .addColumn('session', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('value', 'jsonb', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('baileys_auth_pkey', ['session', 'category', 'key_id'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('baileys_auth').execute();
  },
};
