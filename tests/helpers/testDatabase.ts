import { pino } from 'pino';
import { createDatabase } from '../../src/adapters/db/createDatabase';
import type { Database } from '../../src/adapters/db/createDatabase';
import { createScratchDatabase } from '../../src/adapters/db/createScratchDatabase';
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
  const scratch = await createScratchDatabase(serverUrl, 'pacto_test_');
  const database = await createDatabase({ databaseUrl: scratch.url, dataDir: 'memory://', logger, poolMax: opts.poolMax });
  await migrateToLatest(database.db);
  return {
    ...database,
    url: scratch.url,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}

/** True when the suite runs against a real PostgreSQL server (DATABASE_URL set). */
export function hasRealPostgres(): boolean {
  return Boolean(process.env.DATABASE_URL);
}
