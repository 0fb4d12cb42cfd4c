import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { getConversation } from '../../../src/adapters/db/repositories/getConversation';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
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

const inbound = (providerMessageId: string, from: string, body: string) => ({
  channel: 'whatsapp' as const,
  providerMessageId,
  from,
  body,
  receivedAt: new Date('2026-11-20T15:00:00Z'),
});

async function transcript(from: string) {
  const row = await database.db.selectFrom('conversations').select('id').where('address', '=', from).orderBy('createdAt', 'desc').executeTakeFirstOrThrow();
  const conversation = await getConversation(database.db, row.id);
  if (!conversation) throw new Error('no conversation');
  return conversation;
}

describe('inbox worker', () => {
  it('processes the same provider message id once and replies once', async () => {
    await harness.addDebtor('co_maria', 'whatsapp', '+573000000001');
    const worker = createInboxWorker(harness.deps);
    const first = await enqueueInbound(database.db, inbound('WA-1', '+573000000001', 'hola'));
    const again = await enqueueInbound(database.db, inbound('WA-1', '+573000000001', 'hola'));
    expect(again).toEqual({ inserted: false, inboxId: first.inboxId });
    expect(await worker.drainOnce()).toBe(1);
    await enqueueInbound(database.db, inbound('WA-1', '+573000000001', 'hola'));
    expect(await worker.drainOnce()).toBe(0);

    const conversation = await transcript('+573000000001');
    expect(conversation.messages.filter((m) => m.direction === 'in')).toHaveLength(1);
    const replies = conversation.messages.filter((m) => m.direction === 'out');
    expect(replies.map((m) => m.template)).toEqual(['greeting', 'ask_identifier']);
    expect(replies[0]?.body).toContain('María');
    const outbox = await database.db.selectFrom('outbox').select(['inboxId', 'seq']).where('conversationId', '=', conversation.id).execute();
    expect(outbox).toHaveLength(2);
    expect(new Set(outbox.map((o) => o.inboxId))).toEqual(new Set([first.inboxId]));
  });

  it('processes two messages of one debtor in arrival order without losing state', async () => {
    await harness.addDebtor('co_maria', 'whatsapp', '+573000000002');
    await enqueueInbound(database.db, inbound('WA-2a', '+573000000002', 'hola'));
    await enqueueInbound(database.db, inbound('WA-2b', '+573000000002', '1234'));
    await enqueueInbound(database.db, inbound('WA-2c', '+573000000002', 'cuál es mi saldo'));
    const worker = createInboxWorker({ ...harness.deps, concurrency: 3 });
    expect(await worker.drainOnce()).toBe(3);
    const conversation = await transcript('+573000000002');
    const lines = conversation.messages.map((m) => `${m.direction}:${m.template ?? m.body}`);
    // The balance answer goes on with details the flow adds (breakdown, last payment, "anything else?").
    expect(lines.slice(0, 8)).toEqual(['in:hola', 'out:greeting', 'out:ask_identifier', 'in:••••', 'out:verified', 'out:menu', 'in:cuál es mi saldo', 'out:balance']);
    expect(lines.slice(8).every((l) => l.startsWith('out:'))).toBe(true);
    expect(conversation.status).toBe('active');
  });

  it('stays silent after a handoff but keeps storing what the debtor writes', async () => {
    await harness.addDebtor('co_maria', 'whatsapp', '+573000000003');
    const worker = createInboxWorker(harness.deps);
    await enqueueInbound(database.db, inbound('WA-3a', '+573000000003', 'quiero hablar con un asesor'));
    await worker.drainOnce();
    const handedOff = await transcript('+573000000003');
    expect(handedOff.handoff).toBe(true);
    const repliesBefore = handedOff.messages.filter((m) => m.direction === 'out').length;
    await enqueueInbound(database.db, inbound('WA-3b', '+573000000003', 'hola?'));
    await worker.drainOnce();
    const after = await transcript('+573000000003');
    expect(after.messages.filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(['quiero hablar con un asesor', 'hola?']);
    expect(after.messages.filter((m) => m.direction === 'out')).toHaveLength(repliesBefore);
  });

  it('gives an unknown number one neutral reply without debt data', async () => {
    const worker = createInboxWorker(harness.deps);
    await enqueueInbound(database.db, inbound('WA-4a', '+573009999999', 'hola'));
    await enqueueInbound(database.db, inbound('WA-4b', '+573009999999', 'cuánto debo'));
    await worker.drainOnce();
    const conversation = await transcript('+573009999999');
    expect(conversation.debtorId).toBeNull();
    const replies = conversation.messages.filter((m) => m.direction === 'out');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).not.toMatch(/\d{3}/);
  });
});
