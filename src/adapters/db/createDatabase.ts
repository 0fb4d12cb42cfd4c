import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../../observability/createLogger';
import { prepareRepeatedStatements } from './prepareRepeatedStatements';
import type { DB } from './schema';
import { startEmbeddedPostgres } from './startEmbeddedPostgres';

export interface Database {
  db: Kysely<DB>;
  close(): Promise<void>;
  kind: 'postgres' | 'pglite';
  /** Connection URL (for PGlite, the in-process socket server); lets a second pool or process connect. */
  url: string;
  /**
   * The pool behind `db`, for a library that takes a pg pool (Agenda on PGlite, which must not open a connection of
   * its own: see createAgendaScheduler). Closed by close().
   */
  pool: pg.Pool;
}

export interface CreateDatabaseOptions {
  databaseUrl?: string;
  /** Directory for embedded PGlite files, or 'memory://' for an in-memory database. */
  dataDir: string;
  logger: Logger;
  /** Pool size for PostgreSQL (PGlite is always 1). */
  poolMax?: number;
  /** Prepare statements a connection runs repeatedly (prepareRepeatedStatements). Default true. */
  preparedStatements?: boolean;
}

/**
 * Connects to PostgreSQL at databaseUrl, or starts embedded PGlite served through a local socket, and returns
 * a Kysely instance (camelCase in TS, snake_case in SQL). Does I/O; close() ends the pool and the embedded server.
 */
export async function createDatabase(opts: CreateDatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolMax ?? 10 });
    if (opts.preparedStatements !== false) prepareRepeatedStatements(pool);
    pool.on('error', (err) => opts.logger.error({ code: 'DB.POOL_ERROR', err: err.message }, 'idle client error'));
    survivesServerRestart(pool, opts.logger);
    const db = buildKysely(pool);
    return { db, kind: 'postgres', url: opts.databaseUrl, pool, close: () => db.destroy() };
  }
  const embedded = await startEmbeddedPostgres(opts.dataDir);
  // One transaction at a time in PGlite: a second pooled client would only wait behind the first.
  const pool = new pg.Pool({ connectionString: embedded.url, max: 1 });
  if (opts.preparedStatements !== false) prepareRepeatedStatements(pool);
  pool.on('error', (err) => opts.logger.error({ code: 'DB.POOL_ERROR', err: err.message }, 'idle client error'));
  const db = buildKysely(pool);
  opts.logger.info({ code: 'DB.EMBEDDED_STARTED', dataDir: opts.dataDir }, 'embedded PGlite started');
  return {
    db,
    kind: 'pglite',
    url: embedded.url,
    pool,
    async close() {
      await db.destroy();
      await embedded.stop();
    },
  };
}

/**
 * The pool listens for errors only on idle clients. A client checked out between two queries (a transaction doing
 * work in between) whose server goes away (a PostgreSQL restart) emits 'error' with no listener, which would end the
 * process. Its pending or next query fails instead, and the pool drops the dead client when it is released.
 */
function survivesServerRestart(pool: pg.Pool, logger: Logger): void {
  pool.on('connect', (client) => {
    client.on('error', (err) => logger.debug({ code: 'DB.CLIENT_LOST', err: err.message }, 'pooled connection lost'));
  });
}

function buildKysely(pool: pg.Pool): Kysely<DB> {
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    // jsonb contents (sessions, profiles, payloads) keep their own keys.
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
}
