import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { claimInboxRows } from '../../../src/pipeline/process/claimInboxRows';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { listAddressMessages } from '../../helpers/listAddressMessages';
import { createTestDatabase } from '../../helpers/testDatabase';

let database: Database;
let harness: PipelineHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
});
afterAll(async () => {
  await database.close();
});

const LEASE_MS = 60_000;

const messagesOf = (address: string) => listAddressMessages(database.db, address);

/** Runs a worker process that hangs at `hangAt` (see support/runHangingWorker.ts) and SIGKILLs it there. */
async function killWorkerWhenHanging(hangAt: string): Promise<void> {
  // node --import tsx (not the tsx CLI, which would run the worker in a grandchild that SIGKILL does not reach).
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'support/runHangingWorker.ts')], {
    env: { ...process.env, PACTO_TEST_DB_URL: database.url, PACTO_TEST_NOW: harness.deps.clock.now().toISOString(), PACTO_HANG_AT: hangAt },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
  await new Promise<void>((done, fail) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('HANGING')) done();
    });
    child.on('exit', () => fail(new Error(`child exited before hanging: ${out} ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe('crash recovery', () => {
  it('reclaims a row whose worker abandoned its claim once the lease expires, and processes it once', async () => {
    await harness.addDebtor('co_maria', 'whatsapp', '+573400000001');
    const { inboxId } = await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: 'WA-lease', from: '+573400000001', body: 'hola', receivedAt: new Date() });
    const claimed = await claimInboxRows(database.db, { now: harness.deps.clock.now(), leaseMs: LEASE_MS, limit: 10 });
    expect(claimed.map((r) => r.id)).toEqual([inboxId]); // …and that worker dies here

    const worker = createInboxWorker({ ...harness.deps, leaseMs: LEASE_MS });
    expect(await worker.drainOnce()).toBe(0);
    harness.deps.clock.advance(LEASE_MS);
    expect(await worker.drainOnce()).toBe(1);
    expect(await worker.drainOnce()).toBe(0);
    const row = await database.db.selectFrom('inbox').select(['status', 'attempts']).where('id', '=', inboxId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'done', attempts: 2 });
    expect((await messagesOf('+573400000001')).map((m) => `${m.direction}:${m.template ?? m.body}`)).toEqual(['in:hola', 'out:greeting', 'out:ask_identifier']);
  });

  it.each([
    ['while interpreting, outside the transaction', 'interpret', '+573400000002'],
    ['inside the conversation transaction, holding its lock', 'transaction', '+573400000003'],
  ])('loses nothing and sends nothing twice when a worker process is killed %s', async (_label, hangAt, address) => {
    await harness.addDebtor('co_maria', 'whatsapp', address);
    for (const [n, body] of ['hola', '1234', 'cuál es mi saldo'].entries()) {
      await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `WA-${hangAt}-${n}`, from: address, body, receivedAt: new Date() });
    }
    await killWorkerWhenHanging(hangAt);

    // The child claimed the three rows as one batch and committed nothing: after its lease, all three run once.
    const worker = createInboxWorker({ ...harness.deps, leaseMs: LEASE_MS });
    expect(await worker.drainOnce()).toBe(0); // its lease still holds
    harness.deps.clock.advance(LEASE_MS);
    expect(await worker.drainOnce()).toBe(3);

    const inbox = await database.db.selectFrom('inbox').select(['providerMessageId', 'status', 'attempts']).where('fromAddress', '=', address).orderBy('seq').execute();
    expect(inbox.map((r) => [r.providerMessageId, r.status, r.attempts])).toEqual([0, 1, 2].map((n) => [`WA-${hangAt}-${n}`, 'done', 2]));
    const lines = (await messagesOf(address)).map((m) => `${m.direction}:${m.template ?? m.body}`);
    expect(lines.slice(0, 8)).toEqual(['in:hola', 'out:greeting', 'out:ask_identifier', 'in:••••', 'out:verified', 'out:menu', 'in:cuál es mi saldo', 'out:balance']);
    const outbox = await database.db.selectFrom('outbox').select(['inboxId', 'seq']).where('toAddress', '=', address).execute();
    expect(new Set(outbox.map((o) => `${o.inboxId}:${o.seq}`)).size).toBe(outbox.length);
    expect(outbox).toHaveLength(lines.filter((l) => l.startsWith('out:')).length);
  }, 90_000);
});
