import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The console's full-text search reads a stored tsvector instead of parsing message bodies at query time.
 * messages.search_vector is a generated column (Spanish and English configurations of the body, computed once when a
 * row is written or its body changes) with the GIN index on it, replacing 0900's expression index. With the expression
 * index, every row the search looked at (the newest-first walk of 0901, or the recheck after the GIN index) ran both
 * parsers again: ~250 ms for a phrase matching 4% of a million messages; reading the stored vector takes ~6 ms
 * (bench:console). The insert pays what it paid before (both parsers once, the same GIN entries) plus ~100 bytes of
 * heap per row. Adding a stored generated column rewrites the table once, under its lock: about a minute per million
 * messages on a small machine.
 */
export const migration0960MessageSearchVector: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS messages_body_fts_idx`.execute(db);
    await sql`
      ALTER TABLE messages ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('spanish', body) || to_tsvector('english', body)) STORED`.execute(db);
    await sql`CREATE INDEX messages_search_idx ON messages USING gin (search_vector)`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`DROP INDEX IF EXISTS messages_search_idx`.execute(db);
    await sql`ALTER TABLE messages DROP COLUMN IF EXISTS search_vector`.execute(db);
    await sql`CREATE INDEX messages_body_fts_idx ON messages USING gin ((to_tsvector('spanish', body) || to_tsvector('english', body)))`.execute(db);
  },
};
