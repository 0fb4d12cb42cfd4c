import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { createTimerJob } from '../../../src/pipeline/process/createTimerJob';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { listAddressMessages } from '../../helpers/listAddressMessages';
import { createTestDatabase } from '../../helpers/testDatabase';

let database: Database;
let harness: PipelineHarness;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
});
afterAll(async () => {
  await database.close();
});

const templatesOf = async (address: string) =>
  (await listAddressMessages(database.db, address)).filter((m) => m.direction === 'out').map((m) => m.template);

describe('inactivity timers', () => {
  it('stores the state timer, fires it once when due, through the inbox', async () => {
    const address = '+573600000001';
    await harness.addDebtor('co_maria', 'whatsapp', address);
    await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: 'WA-t1', from: address, body: 'hola', receivedAt: new Date() });
    const worker = createInboxWorker(harness.deps);
    await worker.drainOnce();
    const timers = await database.db.selectFrom('scheduledTimers').select(['timer', 'dueAt']).execute();
    expect(timers).toEqual([{ timer: 'inactivity:verify', dueAt: new Date(harness.deps.clock.now().getTime() + DAY) }]);

    const timerJob = createTimerJob(harness.deps);
    harness.deps.clock.advance(DAY - 1);
    expect(await timerJob.drainOnce()).toBe(0);
    harness.deps.clock.advance(1);
    expect(await timerJob.drainOnce()).toBe(1);
    expect(await timerJob.drainOnce()).toBe(0);
    expect(await worker.drainOnce()).toBe(1);
    expect(await templatesOf(address)).toEqual(['greeting', 'ask_identifier', 'reminder_verify']);
  });

  it('ignores a timer of a conversation that was handed off meanwhile', async () => {
    const address = '+573600000002';
    await harness.addDebtor('co_maria', 'whatsapp', address);
    await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: 'WA-t2', from: address, body: 'hola', receivedAt: new Date() });
    const worker = createInboxWorker(harness.deps);
    await worker.drainOnce();
    await database.db.updateTable('conversations').set({ handoff: true }).where('address', '=', address).execute();
    harness.deps.clock.advance(DAY);
    await createTimerJob(harness.deps).drainOnce();
    await worker.drainOnce();
    expect(await templatesOf(address)).toEqual(['greeting', 'ask_identifier']);
    const audit = await database.db.selectFrom('auditEvents').select('code').where('code', '=', 'TIMER.IGNORED').execute();
    expect(audit).toHaveLength(1);
  });
});
