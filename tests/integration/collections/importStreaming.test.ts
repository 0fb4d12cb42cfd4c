import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { importPortfolio, type ImportProgress } from '../../../src/collections/importPortfolio';
import { createPortfolioImportJobs } from '../../../src/collections/portfolioImport/createPortfolioImportJobs';
import { createFakeClock } from '../../helpers/createFakeClock';
import { createTestDatabase } from '../../helpers/testDatabase';
import { createCollectionsTestApp, portfolioCsv, tokens } from './support';
import { pino } from 'pino';

/**
 * Issue 10, items 8 and 11. Imports stream: the event loop gets a turn every few hundred rows however large the file
 * (measured in rows between turns, not in time), a file above the synchronous limit becomes a job (202 + Location)
 * whose status endpoint gives progress and then the summary or every error, all-or-nothing as before. A file that is
 * not valid UTF-8 is refused with the line and column of the first bad byte, or decoded when its charset is declared.
 */
let database: Database;
const now = new Date('2026-11-20T15:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await database.db.deleteFrom('debtors').execute();
});

/** `n` valid rows, one debtor and account each, Colombian mobile numbers. */
function manyRows(n: number, from = 0): string {
  return portfolioCsv(...Array.from({ length: n }, (_, k) => ({ external_id: `S-${from + k}`, account_id: `SA-${from + k}`, phone: `+57 301 ${String(1_000_000 + from + k).slice(-7)}` })));
}

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
const header = portfolioCsv().split('\n')[0] ?? '';
const joseRow = 'MX-1,José,Núñez,+52 55 1234 9999,,MX,,,5678,,MX-A-1,Financiera Azteca Norte,Préstamo,MXN,100.00,2026-11-01,,true,true';

describe('a streamed portfolio import', () => {
  it('gives the event loop a turn every few hundred rows, whatever the file size', async () => {
    const seen: number[] = [];
    let done = false;
    let last: ImportProgress | undefined;
    const turn = (): void => {
      seen.push(last?.rowsRead ?? 0);
      if (!done) setImmediate(turn);
    };
    setImmediate(turn);
    const result = await importPortfolio(database.db, manyRows(3000), { now, onProgress: (p) => (last = p) });
    done = true;
    expect(result.ok && result.value.rows).toBe(3000);
    const steps = seen.slice(1).map((rows, i) => rows - (seen[i] ?? 0));
    expect(steps.reduce((a, b) => Math.max(a, b), 0)).toBeLessThanOrEqual(1000);
    expect(seen.filter((rows) => rows > 0 && rows < 3000).length).toBeGreaterThan(2);
  });

  it('answers 202 with a job for a file above the synchronous limit, then its progress and summary', async () => {
    const app = createCollectionsTestApp(database.db, createFakeClock(now), { importSyncLimitBytes: 1024 });
    const started = await request(app).post('/api/portfolio/import').set('authorization', `Bearer ${tokens.service}`).set('content-type', 'text/csv').send(manyRows(50)).expect(202);
    expect(started.headers.location).toBe(`/api/portfolio/imports/${started.body.job.id}`);
    expect(started.body.job).toMatchObject({ status: 'running', actor: 'api:service', encoding: 'utf-8', bytesTotal: expect.any(Number) });
    await request(app).get(started.headers.location ?? '').set('authorization', `Bearer ${tokens.viewer}`).expect(403);
    const job = await waitForJob(app, started.headers.location ?? '');
    expect(job).toMatchObject({ status: 'succeeded', summary: { rows: 50, debtors: { created: 50 }, accounts: { created: 50 } }, finishedAt: expect.any(String) });
    await request(app).get('/api/portfolio/imports/7d1c3c36-62a5-4bd4-8d0b-5a4bc1a1c0de').set('authorization', `Bearer ${tokens.admin}`).expect(404);
  });

  it('reports every problem of a failing background job and writes nothing', async () => {
    const app = createCollectionsTestApp(database.db, createFakeClock(now), { importSyncLimitBytes: 1024 });
    const bad = manyRows(40).replace('SA-7,Acme Cobranzas,Préstamo,COP,1000.00', 'SA-7,Acme Cobranzas,Préstamo,COP,mil');
    const started = await request(app).post('/api/portfolio/import').set('authorization', `Bearer ${tokens.admin}`).set('content-type', 'text/csv').send(bad).expect(202);
    const job = await waitForJob(app, started.headers.location ?? '');
    expect(job).toMatchObject({ status: 'failed', error: { code: 'PORTFOLIO.INVALID', totalIssues: 1, details: [{ line: 9, column: 'balance', text: expect.stringMatching(/^line 9, column balance: /) }] } });
    expect(await database.db.selectFrom('debtors').select('id').execute()).toEqual([]);
  });

  it('lets a caller ask for a job with Prefer: respond-async, and keeps small files synchronous', async () => {
    const app = createCollectionsTestApp(database.db, createFakeClock(now));
    await request(app).post('/api/portfolio/import').set('authorization', `Bearer ${tokens.admin}`).set('content-type', 'text/csv').send(manyRows(3)).expect(200);
    const started = await request(app).post('/api/portfolio/import').set('authorization', `Bearer ${tokens.admin}`).set('prefer', 'respond-async').set('content-type', 'text/csv').send(manyRows(3, 3)).expect(202);
    expect(await waitForJob(app, started.headers.location ?? '')).toMatchObject({ status: 'succeeded', summary: { debtors: { created: 3 } } });
  });

  it('keeps a job readable from another process (the stored row) once it ended', async () => {
    const jobs = createPortfolioImportJobs({ db: database.db, clock: createFakeClock(now), logger: pino({ level: 'silent' }) });
    const app = createCollectionsTestApp(database.db, createFakeClock(now), { importSyncLimitBytes: 0, importJobs: jobs });
    const started = await request(app).post('/api/portfolio/import').set('authorization', `Bearer ${tokens.admin}`).set('content-type', 'text/csv').send(manyRows(2)).expect(202);
    await jobs.idle();
    const other = createPortfolioImportJobs({ db: database.db, clock: createFakeClock(now), logger: pino({ level: 'silent' }) });
    expect(await other.get(started.body.job.id)).toMatchObject({ status: 'succeeded', summary: { rows: 2 } });
  });
});

describe('a portfolio file that is not UTF-8', () => {
  it('is refused with the line and column of the first bad byte, and nothing is written', async () => {
    const app = createCollectionsTestApp(database.db, createFakeClock(now));
    const res = await request(app).post('/api/portfolio/import').set('authorization', `Bearer ${tokens.admin}`).set('content-type', 'text/csv').send(latin1(`${header}\n${joseRow}\n`)).expect(422);
    expect(res.body.error).toMatchObject({ code: 'PORTFOLIO.INVALID', totalIssues: 1, details: [{ line: 2, column: 'first_name', text: expect.stringMatching(/^line 2, column first_name: byte 0xE9 at character 9 of the line is not valid UTF-8/) }] });
    expect(await database.db.selectFrom('debtors').select('id').execute()).toEqual([]);
  });

  it('is decoded when the charset is declared, and the names come out right', async () => {
    const app = createCollectionsTestApp(database.db, createFakeClock(now));
    await request(app).post('/api/portfolio/import').set('authorization', `Bearer ${tokens.admin}`).set('content-type', 'text/csv; charset=ISO-8859-1').send(latin1(`${header}\n${joseRow}\n`)).expect(200);
    const jose = await database.db.selectFrom('debtors').select(['firstName', 'lastName']).where('externalId', '=', 'MX-1').executeTakeFirstOrThrow();
    expect(jose).toEqual({ firstName: 'José', lastName: 'Núñez' });
    const refused = await request(app).post('/api/portfolio/import').set('authorization', `Bearer ${tokens.admin}`).set('content-type', 'text/csv; charset=ebcdic').send('x').expect(415);
    expect(refused.body.error.message).toContain('charset ebcdic is not read');
  });
});

async function waitForJob(app: Parameters<typeof request>[0], location: string): Promise<Record<string, unknown>> {
  for (;;) {
    const res = await request(app).get(location).set('authorization', `Bearer ${tokens.admin}`).expect(200);
    if (res.body.job.status !== 'running') return res.body.job;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
