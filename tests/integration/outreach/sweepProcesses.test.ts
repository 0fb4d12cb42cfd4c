import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { generateOutreachPortfolio } from '../../../src/bench/generateOutreachPortfolio';
import { createTestDatabase, hasRealPostgres } from '../../helpers/testDatabase';

// Real worker processes (`node --import tsx`) sweeping one PostgreSQL database: one killed in the middle of a sweep
// and restarted, and two sweeping at once. Each must leave every due step written exactly once, and a debtor with
// two accounts (every third one here) one message at most.
const AT = '2026-11-24T15:00:00Z';
const DEBTORS = 120;
const realPostgres = hasRealPostgres();
let database: Database & { url?: string };

interface Child { done: Promise<string>; kill(): void; waitFor(text: string): Promise<void> }

function startChild(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/runOutreachSweepChild.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const done = new Promise<string>((resolve, reject) => child.on('exit', (code, signal) => (code === 0 ? resolve(out) : signal ? resolve(out) : reject(new Error(`child exited ${code}: ${err}`)))));
  return {
    done,
    kill: () => child.kill('SIGKILL'),
    waitFor: async (text) => {
      while (!out.includes(text)) await new Promise<void>((r) => waiters.push(r));
    },
  };
}

async function expected(): Promise<number> {
  // The same sweep in this process decides what is due; the children must write exactly that many steps.
  const due = await sql<{ n: string }>`SELECT count(*) AS n FROM outreach_sends`.execute(database.db);
  return Number(due.rows[0]?.n);
}

async function resetPortfolio(): Promise<void> {
  await sql`TRUNCATE debtors, outbox, outreach_sends, audit_events, conversations, address_opt_outs CASCADE`.execute(database.db);
  await generateOutreachPortfolio(database.db, DEBTORS, '2026-11-24', { secondAccountEvery: 3 });
}

/** Waits until the server has noticed a killed child's connection and rolled its open transaction back. */
async function waitForDeadTransactions(): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const open = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`.execute(database.db);
    if (Number(open.rows[0]?.n) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('a killed worker’s transaction is still open after 20 s');
}

async function writtenSteps(): Promise<{ sends: number; distinct: number; outbox: number; mostToOneDebtor: number }> {
  const r = await sql<{ sends: string; distinct: string; outbox: string; most: string }>`SELECT
    (SELECT count(*) FROM outreach_sends) AS sends,
    (SELECT count(DISTINCT (account_id, step, local_date)) FROM outreach_sends) AS distinct,
    (SELECT count(*) FROM outbox WHERE purpose = 'proactive') AS outbox,
    (SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM outbox o JOIN conversations c ON c.id = o.conversation_id
      WHERE o.purpose = 'proactive' GROUP BY c.debtor_id) m) AS most`.execute(database.db);
  const row = r.rows[0];
  return { sends: Number(row?.sends), distinct: Number(row?.distinct), outbox: Number(row?.outbox), mostToOneDebtor: Number(row?.most) };
}

describe.skipIf(!realPostgres)('outreach sweeps in separate worker processes on one PostgreSQL database', () => {
  let reference = 0;
  beforeAll(async () => {
    database = await createTestDatabase({ poolMax: 2 });
    await resetPortfolio();
    const child = startChild({ PACTO_TEST_DB_URL: database.url ?? '', PACTO_TEST_NOW: AT });
    await child.done;
    reference = await expected();
    expect(reference).toBeGreaterThan(50);
  }, 120_000);
  afterAll(async () => database?.close());

  it('a worker killed in the middle of a sweep and restarted writes no step twice', async () => {
    await resetPortfolio();
    const env = { PACTO_TEST_DB_URL: database.url ?? '', PACTO_TEST_NOW: AT, PACTO_TEST_BATCH: '10' };
    const doomed = startChild({ ...env, PACTO_TEST_HANG_AFTER: '35' });
    await doomed.waitFor('HANGING');
    doomed.kill();
    await doomed.done;
    const partial = await writtenSteps();
    expect(partial.sends).toBeGreaterThan(0);
    expect(partial.sends).toBeLessThan(reference);
    // The dead worker's transaction ends with its connection: its accounts are free at once, at the same instant.
    await waitForDeadTransactions();
    const restarted = startChild(env);
    await restarted.done;
    expect(await writtenSteps()).toEqual({ sends: reference, distinct: reference, outbox: reference, mostToOneDebtor: 1 });
  }, 120_000);

  it('two workers sweeping at once write each step once', async () => {
    await resetPortfolio();
    const env = { PACTO_TEST_DB_URL: database.url ?? '', PACTO_TEST_NOW: AT, PACTO_TEST_BATCH: '5' };
    const [a, b] = await Promise.all([startChild(env).done, startChild(env).done]);
    const accounts = [a, b].map((out) => JSON.parse(out.trim().split('\n').pop() ?? '{}').accounts ?? 0);
    expect(accounts[0] + accounts[1]).toBe(DEBTORS + DEBTORS / 3);
    expect(await writtenSteps()).toEqual({ sends: reference, distinct: reference, outbox: reference, mostToOneDebtor: 1 });
  }, 120_000);
});
