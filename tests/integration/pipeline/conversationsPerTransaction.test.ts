import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { createRulesInterpreter } from '../../../src/pipeline/process/createRulesInterpreter';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import type { Interpreter } from '../../../src/ports/interpreter';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { countStatements } from '../../helpers/countStatements';
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

const countingDb = () => countStatements(database.db);

async function addressesWithDebtors(prefix: string, n: number): Promise<string[]> {
  const addresses = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
  for (const address of addresses) await harness.addDebtor('co_maria', 'whatsapp', address);
  return addresses;
}

describe('several conversations per transaction', () => {
  it('answers 40 debtors with one transaction and a handful of statements, each conversation on its own', async () => {
    const addresses = await addressesWithDebtors('+573910000', 40);
    for (const from of addresses) await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `many-${from}`, from, body: 'hola', receivedAt: new Date() });
    const { db, counts } = countingDb();
    const worker = createInboxWorker({ ...harness.deps, db, concurrency: 1, batchSize: 100, conversationsPerTransaction: 64 });
    expect(await worker.drainOnce()).toBe(40);
    expect(counts.transactions).toBe(1);
    // claim, snapshots, facts, BEGIN + locks, the locked snapshots and facts again, one write, COMMIT, empty claim.
    expect(counts.statements).toBe(9);
    for (const address of addresses) {
      const messages = await listAddressMessages(database.db, address);
      expect(messages.map((m) => (m.direction === 'in' ? `in:${m.body}` : m.template))).toEqual(['in:hola', 'greeting', 'ask_identifier']);
    }
    const inbox = await database.db.selectFrom('inbox').select(['status', 'attempts']).where('fromAddress', 'in', addresses).execute();
    expect(inbox.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });

  it('splits the conversations of a claim over transactions of at most conversationsPerTransaction', async () => {
    const addresses = await addressesWithDebtors('+573920000', 10);
    for (const from of addresses) await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `split-${from}`, from, body: 'hola', receivedAt: new Date() });
    const { db, counts } = countingDb();
    expect(await createInboxWorker({ ...harness.deps, db, concurrency: 2, batchSize: 100, conversationsPerTransaction: 3 }).drainOnce()).toBe(10);
    expect(counts.transactions).toBe(4); // 3 + 3 + 3 + 1
  });

  it('keeps the others of a transaction when one conversation fails: they commit once, the failing row is retried', async () => {
    const addresses = await addressesWithDebtors('+573930000', 6);
    const failing = addresses[3] ?? '';
    const rules = createRulesInterpreter();
    const interpret: Interpreter = async (text, ctx, opts) => {
      if (text === 'rompe') throw new Error('interpreter failed on purpose');
      return rules(text, ctx, opts);
    };
    for (const from of addresses) {
      await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `fail-${from}`, from, body: from === failing ? 'rompe' : 'hola', receivedAt: new Date() });
    }
    const worker = createInboxWorker({ ...harness.deps, interpret, concurrency: 1, batchSize: 100, retryBackoffMs: 60_000 });
    expect(await worker.drainOnce()).toBe(5);
    const rows = await database.db.selectFrom('inbox').select(['fromAddress', 'status', 'attempts', 'errorCode']).where('fromAddress', 'in', addresses).execute();
    for (const row of rows) {
      if (row.fromAddress === failing) expect(row).toMatchObject({ status: 'pending', attempts: 1, errorCode: 'PIPELINE.PROCESSING_FAILED' });
      else expect(row).toMatchObject({ status: 'done', attempts: 1 });
    }
    for (const address of addresses.filter((a) => a !== failing)) {
      const replies = (await listAddressMessages(database.db, address)).filter((m) => m.direction === 'out');
      expect(replies.map((m) => m.template)).toEqual(['greeting', 'ask_identifier']); // written once, not twice
    }
    expect(await listAddressMessages(database.db, failing)).toEqual([]);
  });
});
