import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A throwaway database on a PostgreSQL server: its connection URL and the way to drop it. */
export interface ScratchDatabase {
  name: string;
  url: string;
  /** Drops the database, ending any connection still open to it (WITH FORCE). Does I/O. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database named `<prefix><random hex>` on the server at `serverUrl` (for tests and benchmarks)
 * and returns its URL, the server URL with that database name. Does I/O; the caller must drop() it.
 */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  await runAdminStatement(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => runAdminStatement(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function runAdminStatement(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
