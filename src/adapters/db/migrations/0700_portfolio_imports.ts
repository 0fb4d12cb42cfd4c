import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * portfolio_imports: one row per background portfolio import (a file too large to answer in the request), so that
 * GET /api/portfolio/imports/:id answers from any process: who started it, the file's size and declared encoding,
 * running / succeeded / failed, and at the end the summary or the error with its `line N, column NAME` details.
 * Live progress (bytes and rows read, rows written) is kept by the process running it and merged into its answers.
 */
export const migration0700PortfolioImports: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      CREATE TABLE portfolio_imports (
        id uuid PRIMARY KEY,
        actor text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        encoding text NOT NULL,
        bytes_total bigint NOT NULL,
        summary jsonb,
        error jsonb,
        started_at timestamptz NOT NULL,
        finished_at timestamptz
      )`.execute(db);
    await sql`CREATE INDEX portfolio_imports_started_idx ON portfolio_imports (started_at DESC)`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`DROP TABLE IF EXISTS portfolio_imports`.execute(db);
  },
};
