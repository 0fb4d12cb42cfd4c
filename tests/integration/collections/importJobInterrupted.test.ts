import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_JOB_LOCK } from '../../../src/collections/importPortfolio';
import { createPortfolioImportJobs } from '../../../src/collections/portfolioImport/createPortfolioImportJobs';
import { createFakeClock } from '../../helpers/createFakeClock';
import { createTestDatabase, hasRealPostgres } from '../../helpers/testDatabase';

/**
 * An import job whose process was killed (kill -9, a crash, a redeploy) must not stay `running` for ever: the next
 * time anyone asks for it, it reads as failed with IMPORT.INTERRUPTED (nothing was written: imports are one
 * transaction), while a job another live process is running still reads as running.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const now = new Date('2026-12-05T15:00:00Z');
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** A job row as a process that has since died (or is still running it elsewhere) left it. */
async function runningJob(startedAt: Date): Promise<string> {
  const id = randomUUID();
  await database.db.insertInto('portfolioImports').values({ id, actor: 'api:admin', status: 'running', encoding: 'utf-8', bytesTotal: 2_000_000, startedAt }).execute();
  return id;
}

describe.runIf(hasRealPostgres())('a background import on PostgreSQL', () => {
  const jobs = () => createPortfolioImportJobs({ db: database.db, clock: createFakeClock(now), logger, kind: 'postgres' });

  it('reads as failed with IMPORT.INTERRUPTED once the process that ran it is gone, and stays so', async () => {
    const id = await runningJob(new Date(now.getTime() - 5 * 60_000));
    const view = await jobs().get(id);
    expect(view).toMatchObject({ status: 'failed', finishedAt: now.toISOString(), error: { code: 'IMPORT.INTERRUPTED' } });
    const row = await database.db.selectFrom('portfolioImports').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
  });

  it('still reads as running while another process holds the job (its transaction holds the job lock)', async () => {
    const id = await runningJob(new Date(now.getTime() - 5 * 60_000));
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [IMPORT_JOB_LOCK, id]);
      expect(await jobs().get(id)).toMatchObject({ status: 'running' });
      await other.query('ROLLBACK');
      expect(await jobs().get(id)).toMatchObject({ status: 'failed', error: { code: 'IMPORT.INTERRUPTED' } });
    } finally {
      await other.end();
    }
  });

  it('is given time to start: a job created seconds ago whose lock is not taken yet reads as running', async () => {
    const id = await runningJob(new Date(now.getTime() - 5_000));
    expect(await jobs().get(id)).toMatchObject({ status: 'running' });
  });
});

describe.runIf(!hasRealPostgres())('a background import on embedded PGlite', () => {
  it('reads as interrupted when this process does not run it: only one process uses the data directory', async () => {
    const id = await runningJob(new Date(now.getTime() - 5_000));
    const jobs = createPortfolioImportJobs({ db: database.db, clock: createFakeClock(now), logger, kind: 'pglite' });
    expect(await jobs.get(id)).toMatchObject({ status: 'failed', error: { code: 'IMPORT.INTERRUPTED' } });
  });
});
