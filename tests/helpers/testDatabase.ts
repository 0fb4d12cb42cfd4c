import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { createDatabase } from '../../src/adapters/db/createDatabase';
import type { Database } from '../../src/adapters/db/createDatabase';
import { migrateToLatest } from '../../src/adapters/db/migrateToLatest';

/**
 * A migrated database of its own for one test file. With DATABASE_URL set (CI) it creates
 * pacto_test_<random> on that server and drops it in close(); otherwise it starts in-memory PGlite.
 */
export async function createTestDatabase(opts: { poolMax?: number } = {}): Promise<Database & { url?: string }> {
  const logger = pino({ level: 'silent' });
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await createDatabase({ dataDir: 'memory://', logger });
    await migrateToLatest(database.db);
    return database;
  }
  const name = `pacto_test_${randomBytes(6).toString('hex')}`;
  await runAdmin(serverUrl, `CREATE DATABASE ${name}`);
  const url = withDatabaseName(serverUrl, name);
  const database = await createDatabase({ databaseUrl: url, dataDir: 'memory://', logger, poolMax: opts.poolMax });
  await migrateToLatest(database.db);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      await runAdmin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** True when the suite runs against a real PostgreSQL server (DATABASE_URL set). */
export function hasRealPostgres(): boolean {
  return Boolean(process.env.DATABASE_URL);
}

async function runAdmin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function withDatabaseName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
