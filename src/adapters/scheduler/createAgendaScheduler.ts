import { EventEmitter } from 'node:events';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { Agenda } from 'agenda';
import pg from 'pg';
import type { Logger } from '../../observability/createLogger';
import type { Scheduler } from '../../ports/scheduler';
import type { Database } from '../db/createDatabase';

export interface AgendaSchedulerOptions {
  /**
   * The service's database. On PostgreSQL Agenda gets a small pool of its own and LISTEN/NOTIFY. On embedded PGlite
   * it shares the service's one connection and polls: the socket server delivers no NOTIFY, and it runs the protocol
   * messages of concurrent connections interleaved in one session (pglite-socket 0.2.17), so a query on a second
   * connection could get another connection's statement or result.
   */
  database: Pick<Database, 'url' | 'kind' | 'pool'>;
  logger: Logger;
  /** A name for this process in Agenda's rows (last_modified_by). */
  name?: string;
}

/** Any fixed number shared by every Pacto process: the advisory lock that serialises creating Agenda's tables. */
const AGENDA_SCHEMA_LOCK = 7_301_150_001;

/**
 * The PostgreSQL backend, whose connect() (called by Agenda's constructor) creates its tables and types with
 * IF NOT EXISTS statements that still fail when two processes run them at the same moment ("type agenda_logs already
 * exists"). Connecting under a session advisory lock, on a connection of its own, makes processes that start together
 * take turns. Does I/O.
 */
class SerializedPostgresBackend extends PostgresBackend {
  constructor(
    config: ConstructorParameters<typeof PostgresBackend>[0],
    private readonly url: string,
  ) {
    super(config);
  }

  override async connect(): Promise<void> {
    const gate = new pg.Client({ connectionString: this.url });
    await gate.connect();
    try {
      await gate.query('SELECT pg_advisory_lock($1)', [AGENDA_SCHEMA_LOCK]);
      await super.connect();
    } finally {
      await gate.end();
    }
  }
}

/**
 * Agenda 6 on the service's own database (@agendajs/postgres-backend, table agenda_jobs) for a worker process's
 * handful of recurring jobs, each defined with concurrency 1 and lockLimit 1 and locked in the database, so one
 * process at a time runs it, once per interval; the work inside selects its own rows in batches (never one Agenda job
 * per debtor). Agenda looks for due jobs as often as the most frequent job runs (its processEvery), so no job waits
 * for a longer one's interval; on PGlite that look is a poll, on PostgreSQL NOTIFY also wakes it. A job that throws is
 * logged and runs again at its next interval. Does I/O (the jobs table; on PostgreSQL a small pool of its own).
 */
export function createAgendaScheduler(opts: AgendaSchedulerOptions): Scheduler {
  const { backend, close } = connectBackend(opts);
  const agenda = new Agenda({
    backend,
    ...(opts.name ? { name: opts.name } : {}),
    defaultLockLifetime: 10 * 60_000,
  });
  agenda.on('error', (err: unknown) => opts.logger.error({ code: 'SCHEDULER.ERROR', err: err instanceof Error ? err.message : String(err) }, 'agenda error'));
  let started = false;
  let stopping: Promise<void> | undefined;
  return {
    async start(jobs) {
      if (jobs.length === 0) return;
      for (const job of jobs) {
        agenda.define(
          job.name,
          async (agendaJob) => {
            try {
              await job.run(() => agendaJob.touch());
            } catch (error) {
              opts.logger.error({ code: 'SCHEDULER.JOB_FAILED', job: job.name, err: error instanceof Error ? error.message : String(error) }, 'recurring job failed');
              throw error;
            }
          },
          { concurrency: 1, lockLimit: 1, lockLifetime: 10 * 60_000 },
        );
      }
      // A number of milliseconds: Agenda reads '200 milliseconds' as 200 s.
      const processEveryMs = Math.min(...jobs.map((job) => job.intervalMs));
      agenda.processEvery(processEveryMs);
      await agenda.start();
      started = true;
      for (const job of jobs) await agenda.every(job.intervalMs, job.name);
      opts.logger.info({ code: 'SCHEDULER.STARTED', jobs: jobs.map((job) => job.name), processEveryMs }, 'recurring jobs scheduled');
    },
    stop(timeoutMs = 30_000) {
      // Idempotent: a second call waits for the first.
      stopping ??= (async () => {
        if (started) {
          started = false;
          await agenda.drain({ timeout: timeoutMs, closeConnection: false });
          await agenda.stop(false);
        }
        await close();
      })();
      return stopping;
    },
  };
}

/**
 * Agenda's backend on the service's database: on PostgreSQL through a pool of its own (closed by `close`), its table
 * setup serialised across processes; on PGlite through the service's one connection (left open: the database owns it).
 */
function connectBackend(opts: AgendaSchedulerOptions): { backend: PostgresBackend; close(): Promise<void> } {
  if (opts.database.kind === 'pglite') {
    return { backend: new PostgresBackend({ pool: opts.database.pool, disableNotifications: true }), close: async () => undefined };
  }
  // Our own small pool, so its idle clients' errors are logged and it is closed when we stop.
  const pool = new pg.Pool({ connectionString: opts.database.url, max: 2 });
  pool.on('error', (err) => opts.logger.warn({ code: 'SCHEDULER.POOL_ERROR', err: err.message }, 'scheduler pool client error'));
  // A client checked out of the pool (the backend's LISTEN connection) has no error listener of the pool's: without
  // this one, a PostgreSQL restart would end the process.
  pool.on('connect', (client) => client.on('error', (err) => opts.logger.warn({ code: 'SCHEDULER.CLIENT_LOST', err: err.message }, 'scheduler connection lost')));
  const backend = new SerializedPostgresBackend({ pool }, opts.database.url);
  // Its LISTEN connection re-emits a lost connection as 'error' on the channel, which ends the process unheard.
  const channel = backend.notificationChannel;
  if (channel instanceof EventEmitter) channel.on('error', (err: unknown) => opts.logger.warn({ code: 'SCHEDULER.LISTEN_LOST', err: err instanceof Error ? err.message : String(err) }, 'scheduler notifications lost'));
  return { backend, close: () => pool.end() };
}
