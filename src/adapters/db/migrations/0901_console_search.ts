import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Messages newest first, for the console's full-text search: a common word matches a large share of a million
 * messages, and reading them all through the full-text index to keep the newest 25 took ~0.5 s; walking this index
 * newest first and checking each message stops after a few hundred. The planner picks it or the full-text index
 * by how common the words are (bench:console).
 */
export const migration0901ConsoleSearch: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`CREATE INDEX messages_created_idx ON messages (created_at DESC, id DESC)`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS messages_created_idx`.execute(db);
  },
};
