import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComplianceChecker } from '../../../src/adapters/compliance/createComplianceChecker';
import { createTwilioChannel } from '../../../src/adapters/channels/twilio/createTwilioChannel';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { buildRuleBook } from '../../../src/core/compliance/ruleBook';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { createTimerJob } from '../../../src/pipeline/process/createTimerJob';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createOutboxSender } from '../../../src/pipeline/send/createOutboxSender';
import { startFakeTwilioApi } from '../../fakes/fakeTwilioApi';
import type { FakeTwilioApi } from '../../fakes/fakeTwilioApi';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { createRecordingChannel } from '../../helpers/createRecordingChannel';
import { createTestDatabase } from '../../helpers/testDatabase';

let database: Database;
let harness: PipelineHarness;
let fake: FakeTwilioApi;
const DAY = 24 * 3_600_000;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
  fake = await startFakeTwilioApi({ whatsappWindow: { clock: harness.deps.clock } });
});
afterAll(async () => {
  await fake?.close();
  await database?.close();
});

/** The debtor writes `body` now (fake clock) and the worker answers; the fake Twilio sees the window open. */
async function debtorWrites(channel: 'sms' | 'whatsapp', address: string, id: string, body: string) {
  const now = harness.deps.clock.now();
  await enqueueInbound(database.db, { channel, providerMessageId: id, from: address, body, receivedAt: now });
  if (channel === 'whatsapp') fake.recordInbound(`whatsapp:${address}`, now);
  await createInboxWorker(harness.deps).drainOnce();
}

/** Fires the inactivity timers that are due and lets the worker write their reminders. */
async function fireTimers() {
  await createTimerJob(harness.deps).drainOnce();
  await createInboxWorker(harness.deps).drainOnce();
}

const outboxOf = (to: string) =>
  database.db.selectFrom('outbox').select(['template', 'purpose', 'status', 'holdReason', 'errorCode', 'nextAttemptAt', 'attempts']).where('toAddress', '=', to).orderBy('position').execute();
const auditCodes = async (code: string) => (await database.db.selectFrom('auditEvents').select('data').where('code', '=', code).execute()).map((e) => e.data);

function twilioWhatsapp() {
  return createTwilioChannel({ accountSid: fake.accountSid, authToken: fake.authToken, publicBaseUrl: 'https://pacto.example.com', apiBaseUrl: fake.url, whatsappFrom: 'whatsapp:+14155238886' }, 'whatsapp');
}

describe('the send stage puts every outbox row through the compliance gate', () => {
  it('holds an inactivity reminder due on a Saturday afternoon in Bogotá until Monday 7:00, then sends it', async () => {
    const clock = harness.deps.clock;
    clock.set(new Date('2026-11-20T20:30:00Z')); // Friday 15:30 in Bogotá
    const address = '+573700000001';
    await harness.addDebtor('co_maria', 'sms', address);
    const sms = createRecordingChannel('sms');
    const sender = createOutboxSender({ ...harness.deps, channels: { sms }, ratePerSecond: 100 });
    await debtorWrites('sms', address, 'SM-g1', 'hola');
    expect(await sender.drainOnce()).toBe(2); // replies: no hours for an answer to what the debtor just wrote

    clock.advance(DAY); // Saturday 15:30 in Bogotá: after Ley 2300's Saturday 8:00–15:00
    await fireTimers();
    expect(await sender.drainOnce()).toBe(1);
    let rows = await outboxOf(address);
    expect(rows.map((r) => [r.template, r.purpose, r.status, r.holdReason])).toEqual([
      ['greeting', 'reply', 'sent', null],
      ['ask_identifier', 'reply', 'sent', null],
      ['reminder_verify', 'proactive', 'pending', 'COMPLIANCE.QUIET_HOURS'],
    ]);
    expect(rows[2]?.nextAttemptAt.toISOString()).toBe('2026-11-23T12:00:00.000Z'); // Monday 7:00 in Bogotá
    expect(rows[2]?.attempts).toBe(0);
    expect(sms.sent).toHaveLength(2);
    expect(await auditCodes('COMPLIANCE.DEFERRED')).toEqual([expect.objectContaining({ reasons: ['COMPLIANCE.QUIET_HOURS'], nextAllowedAt: '2026-11-23T12:00:00.000Z' })]);

    clock.set(new Date('2026-11-22T18:00:00Z')); // Sunday: still not due
    expect(await sender.drainOnce()).toBe(0);
    clock.set(new Date('2026-11-23T12:00:00Z'));
    expect(await sender.drainOnce()).toBe(1);
    rows = await outboxOf(address);
    expect(rows[2]).toMatchObject({ status: 'sent', holdReason: null, attempts: 1 });
    expect(sms.sent.map((m) => m.body)).toHaveLength(3);
  });

  it('a held reminder does not hold back the replies to a debtor who writes meanwhile, and is then skipped as superseded', async () => {
    const clock = harness.deps.clock;
    clock.set(new Date('2026-11-27T20:30:00Z')); // Friday 15:30 in Bogotá
    const address = '+573700000002';
    await harness.addDebtor('co_maria', 'sms', address);
    const sms = createRecordingChannel('sms');
    const sender = createOutboxSender({ ...harness.deps, channels: { sms }, ratePerSecond: 100 });
    await debtorWrites('sms', address, 'SM-s1', 'hola');
    await sender.drainOnce();
    clock.advance(DAY);
    await fireTimers();
    await sender.drainOnce(); // the reminder is held until Monday
    clock.set(new Date('2026-11-29T02:00:00Z')); // Saturday 21:00: the debtor writes
    await debtorWrites('sms', address, 'SM-s2', '1234');
    await sender.drainOnce();
    let rows = await outboxOf(address);
    expect(rows.filter((r) => r.purpose === 'reply').every((r) => r.status === 'sent')).toBe(true);
    clock.set(new Date('2026-11-30T12:00:00Z'));
    await sender.drainOnce();
    rows = await outboxOf(address);
    expect(rows.find((r) => r.template === 'reminder_verify')).toMatchObject({ status: 'dropped', errorCode: 'COMPLIANCE.SUPERSEDED', holdReason: null });
    expect(await auditCodes('COMPLIANCE.SKIPPED')).toContainEqual(expect.objectContaining({ reasons: ['COMPLIANCE.SUPERSEDED'] }));
  });

  it('a held reminder is dropped, not sent, once a person has the conversation', async () => {
    const clock = harness.deps.clock;
    clock.set(new Date('2026-12-04T20:30:00Z')); // Friday 15:30 in Bogotá
    const address = '+573700000006';
    await harness.addDebtor('co_maria', 'sms', address);
    const sms = createRecordingChannel('sms');
    const sender = createOutboxSender({ ...harness.deps, channels: { sms }, ratePerSecond: 100 });
    await debtorWrites('sms', address, 'SM-h1', 'hola');
    await sender.drainOnce();
    clock.advance(DAY);
    await fireTimers();
    await sender.drainOnce(); // held until Monday 7:00
    await database.db.updateTable('conversations').set({ handoff: true }).where('address', '=', address).execute();
    clock.set(new Date('2026-12-07T12:00:00Z'));
    await sender.drainOnce();
    expect((await outboxOf(address)).find((r) => r.template === 'reminder_verify')).toMatchObject({ status: 'dropped', errorCode: 'COMPLIANCE.WITH_PERSON' });
    expect(sms.sent.filter((m) => m.to === address)).toHaveLength(2);
  });

  it('a WhatsApp reminder when the 24-hour window has closed goes as the approved template, and inside it as text', async () => {
    const clock = harness.deps.clock;
    clock.set(new Date('2026-12-02T15:00:00Z')); // Wednesday 10:00 in Bogotá
    const templates = "templates:\n  reminder_verify: { contentSid: HX0123456789abcdef0123456789abcdef, variables: { '1': firstName } }\n";
    const book = buildRuleBook([{ file: 'CO.yaml', text: readFileSync('flows/compliance/CO.yaml', 'utf8') }], [], { file: 'templates.yaml', text: templates });
    if (!book.ok) throw new Error(JSON.stringify(book.issues));
    const compliance = createComplianceChecker({ db: database.db, rules: book.book });
    const address = '+573700000003';
    await harness.addDebtor('co_maria', 'whatsapp', address);
    const sender = createOutboxSender({ ...harness.deps, compliance, channels: { whatsapp: twilioWhatsapp() }, ratePerSecond: 100 });
    await debtorWrites('whatsapp', address, 'WA-w1', 'hola');
    expect(await sender.drainOnce()).toBe(2);
    clock.advance(DAY); // the inactivity timer fires exactly when the window closes
    await fireTimers();
    expect(await sender.drainOnce()).toBe(1);
    const toDebtor = fake.messages.filter((m) => m.to === `whatsapp:${address}`);
    expect(toDebtor.map((m) => m.contentSid ?? 'text')).toEqual(['text', 'text', 'HX0123456789abcdef0123456789abcdef']);
    expect(toDebtor[2]?.contentVariables).toEqual({ '1': 'María' });
    expect(toDebtor[2]?.body).toBe('');
    expect((await outboxOf(address)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('with no approved template the reminder is held, never sent as free text (which Twilio refuses with 63016)', async () => {
    const clock = harness.deps.clock;
    clock.set(new Date('2026-12-09T15:00:00Z')); // Wednesday 10:00 in Bogotá
    const address = '+573700000004';
    await harness.addDebtor('co_maria', 'whatsapp', address);
    const sender = createOutboxSender({ ...harness.deps, channels: { whatsapp: twilioWhatsapp() }, ratePerSecond: 100 });
    await debtorWrites('whatsapp', address, 'WA-n1', 'hola');
    await sender.drainOnce();
    clock.advance(DAY);
    await fireTimers();
    await sender.drainOnce();
    const rows = await outboxOf(address);
    expect(rows[2]).toMatchObject({ template: 'reminder_verify', status: 'pending', holdReason: 'COMPLIANCE.WHATSAPP_WINDOW_NO_TEMPLATE' });
    expect(fake.messages.filter((m) => m.to === `whatsapp:${address}`)).toHaveLength(2);
    expect(fake.requests.filter((r) => r.status === 400)).toHaveLength(0);
  });

  it('drops a proactive row to an opted-out address with the reason, recorded on the row and in the audit', async () => {
    harness.deps.clock.set(new Date('2026-12-09T15:00:00Z'));
    const address = '+573700000005';
    await harness.addDebtor('co_maria', 'sms', address);
    await debtorWrites('sms', address, 'SM-o1', 'hola');
    await database.db.insertInto('addressOptOuts').values({ channel: 'sms', address, optedOutAt: harness.deps.clock.now(), source: 'conversation' }).execute();
    const sms = createRecordingChannel('sms');
    await createOutboxSender({ ...harness.deps, channels: { sms }, ratePerSecond: 100 }).drainOnce();
    expect((await outboxOf(address)).map((r) => [r.status, r.errorCode])).toEqual([['dropped', 'COMPLIANCE.OPTED_OUT'], ['dropped', 'COMPLIANCE.OPTED_OUT']]);
    expect(sms.sent.filter((m) => m.to === address)).toEqual([]);
  });
  it('two proactive rows to one debtor, on two channels, claimed together: one goes, the other waits (CO: one contact a day, one channel a week, Ley 2300 art. 3)', async () => {
    const clock = harness.deps.clock;
    clock.set(new Date('2026-12-10T15:00:00Z')); // Thursday 10:00 in Bogotá
    const address = '+573700000006';
    const debtorId = await harness.addDebtor('co_maria', 'sms', address);
    await database.db.insertInto('contactPoints').values({ debtorId, channel: 'whatsapp', address, consent: true }).execute();
    const now = clock.now();
    for (const channel of ['whatsapp', 'sms'] as const) {
      const conversation = await database.db.insertInto('conversations').values({ debtorId, channel, address, flowId: 'outreach', status: 'ended', flowVersion: null, state: null, session: null }).returning('id').executeTakeFirstOrThrow();
      await database.db.insertInto('outbox').values({
        conversationId: conversation.id, channel, toAddress: address, body: 'Hola, te escribe Banco Andino.', template: 'outreach:default-es:recordatorio', purpose: 'proactive',
        contentSid: channel === 'whatsapp' ? 'HX4a2b3c4d5e6f708192a3b4c5d6e7f809' : null, nextAttemptAt: now, createdAt: now, updatedAt: now,
      }).execute();
    }
    const sms = createRecordingChannel('sms');
    const whatsapp = createRecordingChannel('whatsapp');
    const sender = createOutboxSender({ ...harness.deps, channels: { sms, whatsapp }, ratePerSecond: 100 });
    const sentTo = () => [...sms.sent, ...whatsapp.sent].filter((m) => m.to === address).length;
    await sender.drainOnce();
    expect(sentTo()).toBe(1);
    const held = (await outboxOf(address)).filter((r) => r.status === 'pending');
    // On the other channel it waits until the first contact leaves the week, at the same hour a week later.
    expect(held.map((r) => [r.holdReason, r.nextAttemptAt.toISOString()])).toEqual([['COMPLIANCE.FREQUENCY_CAP', '2026-12-17T15:00:00.000Z']]);
    expect(await auditCodes('COMPLIANCE.DEFERRED')).toContainEqual(expect.objectContaining({ reasons: ['COMPLIANCE.FREQUENCY_CAP', 'COMPLIANCE.CHANNEL_LIMIT'] }));
    clock.set(new Date('2026-12-11T15:00:00Z'));
    await sender.drainOnce();
    expect(sentTo()).toBe(1);
    clock.set(new Date('2026-12-17T15:00:00Z'));
    await sender.drainOnce();
    expect(sentTo()).toBe(2);
  });
});
