import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { createOutboxSender } from '../../../src/pipeline/send/createOutboxSender';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { updateDeliveryStatus } from '../../../src/pipeline/send/updateDeliveryStatus';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { createRecordingChannel } from '../../helpers/createRecordingChannel';
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

/** Runs one inbound message through the worker so that its replies sit in the outbox. */
async function converse(channel: 'sms' | 'whatsapp', from: string, id: string, body: string) {
  await enqueueInbound(database.db, { channel, providerMessageId: id, from, body, receivedAt: harness.deps.clock.now() });
  await createInboxWorker(harness.deps).drainOnce();
}

const outboxOf = (to: string) =>
  database.db.selectFrom('outbox').select(['status', 'attempts', 'errorCode', 'providerMessageId', 'template', 'nextAttemptAt']).where('toAddress', '=', to).orderBy('position').execute();

describe('outbox sender', () => {
  it('retries a failing send with exponential backoff, then records the provider id once it succeeds', async () => {
    await harness.addDebtor('co_maria', 'sms', '+573100000001');
    await converse('sms', '+573100000001', 'SM-r1', 'hola');
    const sms = createRecordingChannel('sms');
    const failure = { ok: false as const, error: { code: 'TWILIO.503', message: 'unavailable', retryable: true } };
    sms.script.push(failure, failure);
    const clock = harness.deps.clock;
    // No jitter (random 1: the full wait), 1 s first wait for a 5xx.
    const retryPolicy = { baseMs: { rate_limited: 1_000, unavailable: 1_000, timeout: 1_000 } };
    const sender = createOutboxSender({ ...harness.deps, channels: { sms }, ratePerSecond: 100, retryPolicy, random: () => 1 });

    expect(await sender.drainOnce()).toBe(1); // first reply fails, the second waits behind it (order)
    let rows = await outboxOf('+573100000001');
    expect(rows.map((r) => [r.status, r.attempts, r.errorCode])).toEqual([['pending', 1, 'TWILIO.503'], ['pending', 0, null]]);
    expect(rows[0]?.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 1_000);

    expect(await sender.drainOnce()).toBe(0); // not due yet
    clock.advance(1_000);
    expect(await sender.drainOnce()).toBe(1); // second failure: backoff doubles
    rows = await outboxOf('+573100000001');
    expect(rows[0]?.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 2_000);
    clock.advance(1_999);
    expect(await sender.drainOnce()).toBe(0);
    clock.advance(1);
    expect(await sender.drainOnce()).toBe(2);

    rows = await outboxOf('+573100000001');
    expect(rows.map((r) => [r.template, r.status, r.attempts])).toEqual([['greeting', 'sent', 3], ['ask_identifier', 'sent', 1]]);
    expect(sms.sent.map((m) => m.to)).toEqual(['+573100000001', '+573100000001']);
    expect(sms.attempts).toHaveLength(4);
    const providerId = rows[0]?.providerMessageId;
    expect(providerId).toBeTruthy();

    expect(await updateDeliveryStatus(database.db, { providerMessageId: providerId ?? '', status: 'delivered' })).toEqual({ updated: true });
    expect(await updateDeliveryStatus(database.db, { providerMessageId: providerId ?? '', status: 'sent' })).toEqual({ updated: false });
    const message = await database.db.selectFrom('messages').select('status').where('providerMessageId', '=', providerId ?? '').executeTakeFirstOrThrow();
    expect(message.status).toBe('delivered');
  });

  it('gives up at once on a permanent error, and on retryable ones once the retry budget is spent', async () => {
    await harness.addDebtor('co_maria', 'sms', '+573100000002');
    await converse('sms', '+573100000002', 'SM-g1', 'hola');
    const sms = createRecordingChannel('sms');
    sms.script.push({ ok: false, error: { code: 'TWILIO.21211', message: 'invalid number', retryable: false } });
    sms.script.push(...Array.from({ length: 3 }, () => ({ ok: false as const, error: { code: 'NET', message: 'reset', retryable: true } })));
    const retryPolicy = { baseMs: { rate_limited: 10, unavailable: 10, timeout: 10 } };
    const sender = createOutboxSender({ ...harness.deps, channels: { sms }, ratePerSecond: 100, retryPolicy, retryBudgetMs: 15, random: () => 1 });
    await sender.drainOnce();
    harness.deps.clock.advance(10); // second attempt fails: the next wait (20 ms) is cut to the deadline (15 ms)
    await sender.drainOnce();
    harness.deps.clock.advance(5); // the last try, at the deadline, fails for good
    await sender.drainOnce();
    const rows = await outboxOf('+573100000002');
    expect(rows.map((r) => [r.status, r.attempts, r.errorCode])).toEqual([['failed', 1, 'TWILIO.21211'], ['failed', 3, 'NET']]);
  });

  it('honours the per-channel rate with the injected clock', async () => {
    for (let i = 0; i < 4; i += 1) {
      await harness.addDebtor('co_maria', 'whatsapp', `+57320000000${i}`);
      await converse('whatsapp', `+57320000000${i}`, `WA-rate-${i}`, 'hola');
    }
    const whatsapp = createRecordingChannel('whatsapp');
    const sms = createRecordingChannel('sms');
    const sender = createOutboxSender({ ...harness.deps, channels: { whatsapp, sms }, ratePerSecond: { whatsapp: 3, sms: 50 } });
    expect(await sender.drainOnce()).toBe(3); // burst of one second's worth
    expect(await sender.drainOnce()).toBe(0);
    harness.deps.clock.advance(333);
    expect(await sender.drainOnce()).toBe(0);
    harness.deps.clock.advance(1);
    expect(await sender.drainOnce()).toBe(1);
    harness.deps.clock.advance(10_000);
    expect(await sender.drainOnce()).toBe(3); // capped at the burst, not 30
    expect(whatsapp.sent).toHaveLength(7);
    const firstOfEach = whatsapp.sent.slice(0, 4).map((m) => m.to);
    expect(new Set(firstOfEach).size).toBeGreaterThan(1);
  });

  it('drops messages to an address that opted out, with the reason, after confirming the opt-out once', async () => {
    await harness.addDebtor('co_maria', 'whatsapp', '+573300000001');
    await converse('whatsapp', '+573300000001', 'WA-o1', 'hola');
    const whatsapp = createRecordingChannel('whatsapp');
    const sentTo = () => whatsapp.sent.filter((m) => m.to === '+573300000001');
    const sender = createOutboxSender({ ...harness.deps, channels: { whatsapp }, ratePerSecond: 100 });
    await sender.drainOnce();
    expect(sentTo()).toHaveLength(2);

    await converse('whatsapp', '+573300000001', 'WA-o2', 'cuánto debo'); // its reply waits in the outbox
    await converse('whatsapp', '+573300000001', 'WA-o3', 'STOP');
    const consent = await database.db.selectFrom('contactPoints').select('consent').where('address', '=', '+573300000001').executeTakeFirstOrThrow();
    expect(consent.consent).toBe(false);
    await sender.drainOnce();
    expect(sentTo()).toHaveLength(3); // the opt-out confirmation only
    const dropped = (await outboxOf('+573300000001')).filter((r) => r.status === 'dropped');
    expect(dropped.map((r) => [r.template, r.errorCode])).toEqual([['verify_first', 'COMPLIANCE.OPTED_OUT']]);

    // Later messages are stored and answered by nothing (only a re-subscribe is).
    const rowsBefore = (await outboxOf('+573300000001')).length;
    await converse('whatsapp', '+573300000001', 'WA-o4', 'hola');
    await sender.drainOnce();
    expect(sentTo()).toHaveLength(3);
    expect(await outboxOf('+573300000001')).toHaveLength(rowsBefore);
  });

  it('resends a row left "sending" by a crashed sender once its lease expires, and never twice', async () => {
    await harness.addDebtor('us_john', 'sms', '+15550000001');
    await converse('sms', '+15550000001', 'SM-c1', 'hi');
    const now = harness.deps.clock.now();
    // A sender claimed the first row and died before recording the result.
    await database.db.updateTable('outbox').set({ status: 'sending', attempts: 1, lockedUntil: new Date(now.getTime() + 60_000) }).where('toAddress', '=', '+15550000001').where('template', '=', 'greeting').execute();
    const sms = createRecordingChannel('sms');
    const sender = createOutboxSender({ ...harness.deps, channels: { sms }, ratePerSecond: 100, leaseMs: 60_000 });
    expect(await sender.drainOnce()).toBe(0);
    harness.deps.clock.advance(60_000);
    expect(await sender.drainOnce()).toBe(2);
    expect(await sender.drainOnce()).toBe(0);
    expect(sms.sent.map((m) => m.body)).toHaveLength(2);
    expect((await outboxOf('+15550000001')).map((r) => [r.template, r.status])).toEqual([['greeting', 'sent'], ['ask_identifier', 'sent']]);
  });

  it('hands a claim back unsent when it is past half its lease by the time it would call the provider, and sends it on a fresh claim', async () => {
    await harness.addDebtor('us_john', 'sms', '+15550000002');
    await converse('sms', '+15550000002', 'SM-late1', 'hi');
    const now = harness.deps.clock.now();
    // An earlier attempt may have reached the provider: the sender asks first, and the answer takes 31 s of a 60 s lease.
    await database.db.updateTable('outbox').set({ unconfirmedSince: now }).where('toAddress', '=', '+15550000002').where('template', '=', 'greeting').execute();
    const sms = createRecordingChannel('sms');
    let lists = 0;
    const slow: typeof sms = Object.assign(sms, {
      listAccepted: async () => {
        lists += 1;
        if (lists === 1) harness.deps.clock.advance(31_000);
        return { ok: true as const, messages: [] };
      },
    });
    const sender = createOutboxSender({ ...harness.deps, channels: { sms: slow }, ratePerSecond: 100, leaseMs: 60_000, concurrency: 1 });
    // Handed back, then claimed afresh (a new lease), checked again and sent; then the next reply.
    expect(await sender.drainOnce()).toBe(3);
    expect(lists).toBe(2);
    expect(sms.attempts.map((m) => m.to)).toEqual(['+15550000002', '+15550000002']);
    const [greeting] = await outboxOf('+15550000002');
    expect([greeting?.status, greeting?.attempts]).toEqual(['sent', 2]);
  });
  it('writes the transcript row of a proactive message the outreach sweep queued when it first handles it, and only once', async () => {
    const debtorId = await harness.addDebtor('co_maria', 'sms', '+573100000009');
    const conversation = await database.db.insertInto('conversations').values({ debtorId, channel: 'sms', address: '+573100000009', flowId: 'outreach', status: 'ended' }).returning('id').executeTakeFirstOrThrow();
    const body = 'Hola María, te escribe Banco Andino. Tenemos información sobre tu cuenta.';
    const queued = await database.db
      .insertInto('outbox')
      .values({ conversationId: conversation.id, channel: 'sms', toAddress: '+573100000009', body, template: 'outreach:default-es:primer_contacto', purpose: 'proactive', nextAttemptAt: harness.deps.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const transcript = () => database.db.selectFrom('messages').select(['id', 'body', 'template', 'status', 'direction', 'outboxId', 'providerMessageId']).where('conversationId', '=', conversation.id).execute();
    expect(await transcript()).toEqual([]);

    const sms = createRecordingChannel('sms');
    sms.script.push({ ok: false as const, error: { code: 'TWILIO.503', message: 'unavailable', retryable: true } });
    const sender = createOutboxSender({ ...harness.deps, channels: { sms }, ratePerSecond: 100, retryPolicy: { baseMs: { rate_limited: 1_000, unavailable: 1_000, timeout: 1_000 } }, random: () => 1 });
    expect(await sender.drainOnce()).toBe(1);
    const first = await transcript();
    expect(first).toEqual([expect.objectContaining({ body, template: 'outreach:default-es:primer_contacto', status: 'pending', direction: 'out', outboxId: queued.id })]);

    harness.deps.clock.advance(1_000);
    expect(await sender.drainOnce()).toBe(1);
    const outboxRow = await database.db.selectFrom('outbox').select(['status', 'messageId', 'providerMessageId']).where('id', '=', queued.id).executeTakeFirstOrThrow();
    expect(outboxRow.status).toBe('sent');
    expect(await transcript()).toEqual([{ ...first[0], status: 'sent', providerMessageId: outboxRow.providerMessageId }]);
    expect(outboxRow.messageId).toBe(first[0]?.id);
  });
});
