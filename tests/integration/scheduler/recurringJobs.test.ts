import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { findAccount } from '../../../src/adapters/db/collections/findAccount';
import { createAgendaScheduler } from '../../../src/adapters/scheduler/createAgendaScheduler';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { recordPromise } from '../../../src/collections/recordPromise';
import type { RunningService } from '../../../src/main';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import type { Scheduler } from '../../../src/ports/scheduler';
import { startTestService } from '../../fakes/startTestService';
import { createFakeClock } from '../../helpers/createFakeClock';
import { createTestDatabase, hasRealPostgres } from '../../helpers/testDatabase';
import { portfolioCsv } from '../collections/support';

// The recurring jobs of a worker process run on Agenda, in the service's database: nothing here calls them by hand.
// Timings are never slept: each outcome is polled for with a generous timeout (the machine may be busy).
const on = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`the service's recurring jobs on Agenda (${on})`, () => {
  const clock = createFakeClock(new Date('2026-11-12T15:00:00Z')); // Thursday 10:00 in Bogotá
  const address = '+573001234567';
  let service: RunningService;

  beforeAll(async () => {
    service = await startTestService(
      { SEED_DEMO: 'false', TIMER_CHECK_INTERVAL_SECONDS: '1', PROMISE_CHECK_INTERVAL_SECONDS: '1', OUTREACH_ENABLED: 'true', OUTREACH_SWEEP_INTERVAL_SECONDS: '86400' },
      { clock },
    );
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
  });

  it('fires a due inactivity timer (and the woken worker handles it) and breaks a promise past its grace days', async () => {
    const db = service.database.db;
    const imported = await importPortfolio(db, portfolioCsv({ phone: address }), { now: clock.now() });
    if (!imported.ok) throw new Error(imported.error.message);
    const account = await findAccount(db, { externalId: 'A-1' });
    if (!account) throw new Error('no account A-1');
    // Default policy, bucket "early": 2 grace days, so a promise due 2026-11-10 is broken from 2026-11-13 in Bogotá.
    const { promiseId } = await recordPromise(db, { accountId: account.id, debtorId: account.debtorId, amount: { minor: 30_000, currency: 'COP' }, dueDate: '2026-11-10', madeAt: new Date('2026-11-01T15:00:00Z'), actor: 'test' });
    await enqueueInbound(db, { channel: 'whatsapp', providerMessageId: 'WA-sched-1', from: address, body: 'hola', receivedAt: clock.now() });

    // The service's inbox worker answers and leaves the conversation's inactivity timer.
    const timer = await vi.waitFor(async () => {
      const row = await db.selectFrom('scheduledTimers').select(['id', 'dueAt']).executeTakeFirst();
      if (!row) throw new Error('no timer yet');
      return row;
    }, { timeout: 30_000, interval: 100 });
    const statusOf = async () => (await db.selectFrom('promises').select('status').where('id', '=', promiseId).executeTakeFirstOrThrow()).status;
    expect(await statusOf()).toBe('pending');

    clock.set(new Date(Math.max(timer.dueAt.getTime(), Date.parse('2026-11-13T05:00:00Z')) + 60_000));
    await vi.waitFor(async () => {
      const fired = await db.selectFrom('inbox').select('status').where('providerMessageId', '=', `timer:${timer.id}`).executeTakeFirst();
      expect(fired?.status).toBe('done');
      expect(await statusOf()).toBe('broken');
    }, { timeout: 30_000, interval: 100 });
    expect(await db.selectFrom('scheduledTimers').select('id').where('id', '=', timer.id).execute()).toEqual([]);

    // One Agenda row per job name, not one per debtor or timer.
    const jobs = await sql<{ name: string }>`SELECT name FROM agenda_jobs ORDER BY name`.execute(db);
    expect(jobs.rows.map((r) => r.name)).toEqual(['outreach-sweep', 'promise-evaluation', 'timers']);
  }, 90_000);
});

describe(`two schedulers (two worker processes) on one ${on} database`, () => {
  const intervalMs = 1_000;
  let database: Database;
  const schedulers: Scheduler[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(schedulers.map((s) => s.stop()));
    await database?.close();
  });

  it('runs a recurring job once per interval in all (never twice at once, never twice in one interval), and hands it over when one stops', async () => {
    const runs: Array<{ by: string; lastRunAt: Date; start: number; end: number }> = [];
    const probe = (by: string) => ({
      name: 'probe',
      intervalMs,
      async run() {
        const start = Date.now();
        // Agenda stamps last_run_at and saves the row before it calls the job, so this is the run's own stamp.
        const row = await sql<{ lastRunAt: Date }>`SELECT last_run_at FROM agenda_jobs WHERE name = 'probe'`.execute(database.db);
        await new Promise((r) => setTimeout(r, 200));
        const lastRunAt = row.rows[0]?.lastRunAt;
        if (!lastRunAt) throw new Error('probe row has no last_run_at');
        runs.push({ by, lastRunAt, start, end: Date.now() });
      },
    });
    const names = ['worker-a', 'worker-b'];
    for (const by of names) {
      schedulers.push(createAgendaScheduler({ database, logger: pino({ level: 'silent' }), name: by }));
    }
    // Started together, as two processes of one deployment would be (their table setup takes turns).
    await Promise.all(schedulers.map((s, i) => s.start([probe(names[i] ?? '')])));
    await vi.waitFor(() => expect(runs.length).toBeGreaterThanOrEqual(3), { timeout: 60_000, interval: 100 });
    // The process that ran it last stops (waiting for a run in progress); the other one takes the job over.
    const stopped = names.indexOf(runs.at(-1)?.by ?? '');
    const other = names[1 - stopped];
    await schedulers[stopped]?.stop();
    await vi.waitFor(() => expect(runs.filter((r) => r.by === other).length).toBeGreaterThanOrEqual(2), { timeout: 60_000, interval: 100 });
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));

    const byStart = [...runs].sort((a, b) => a.start - b.start);
    for (let i = 1; i < byStart.length; i += 1) {
      const [previous, next] = [byStart[i - 1], byStart[i]];
      if (!previous || !next) continue;
      expect(next.start).toBeGreaterThanOrEqual(previous.end);
      // The next run is due one interval after the previous one started; a few ms of leeway for timer rounding.
      expect(next.lastRunAt.getTime() - previous.lastRunAt.getTime()).toBeGreaterThanOrEqual(intervalMs - 20);
    }
  }, 90_000);
});

describe.skipIf(hasRealPostgres())('the scheduler on embedded PGlite', () => {
  let database: Database;
  let scheduler: Scheduler | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await scheduler?.stop();
    await database?.close();
  });

  // PGlite's socket server runs the protocol messages of concurrent connections interleaved in its one session: two
  // connections that queue behind a third one's transaction get each other's statements and results. Agenda on a pool
  // of its own then locked one job's row for another job's query, and that job stayed locked for its lock lifetime.
  it('keeps running every job after the service held its connection in a transaction', async () => {
    const runs = new Map<string, number>();
    const errors: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
    const job = (name: string) => ({ name, intervalMs: 1_000, run: async () => void runs.set(name, (runs.get(name) ?? 0) + 1) });
    const names = ['first', 'second', 'third'];
    scheduler = createAgendaScheduler({ database, logger });
    await scheduler.start(names.map(job));
    await vi.waitFor(() => expect(names.every((n) => (runs.get(n) ?? 0) >= 1)).toBe(true), { timeout: 30_000, interval: 100 });
    await database.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      await new Promise((r) => setTimeout(r, 2_500));
    });
    const after = new Map(runs);
    await vi.waitFor(() => expect(names.every((n) => (runs.get(n) ?? 0) >= (after.get(n) ?? 0) + 2)).toBe(true), { timeout: 30_000, interval: 100 });
    expect(errors).toEqual([]);
  }, 90_000);
});
