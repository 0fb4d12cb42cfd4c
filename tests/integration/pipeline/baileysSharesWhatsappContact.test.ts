import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { applyCollectionsEffect } from '../../../src/collections/applyCollectionsEffect';
import type { ChannelKind } from '../../../src/ports/channel';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { createOutboxSender } from '../../../src/pipeline/send/createOutboxSender';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { isOptedOut } from '../../../src/pipeline/process/isOptedOut';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { createRecordingChannel } from '../../helpers/createRecordingChannel';
import { createTestDatabase } from '../../helpers/testDatabase';

/**
 * WhatsApp Web (Baileys) and WhatsApp through Twilio are the same phone number: a debtor known by their 'whatsapp'
 * contact point (what the portfolio import writes) is known on Baileys too, and consent withdrawn on one (opt-out,
 * wrong party) is withdrawn on the other. Real pipeline, real database, recording channels.
 */
let database: Database;
let harness: PipelineHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
});
afterAll(async () => {
  await database.close();
});

let nextId = 0;
/** One inbound message through the worker, so that its replies sit in the outbox. */
async function converse(channel: ChannelKind, from: string, body: string): Promise<void> {
  nextId += 1;
  await enqueueInbound(database.db, { channel, providerMessageId: `BW-${nextId}`, from, body, receivedAt: harness.deps.clock.now() });
  await createInboxWorker({ ...harness.deps, domainEffects: applyCollectionsEffect }).drainOnce();
}

const conversationOf = (channel: ChannelKind, address: string) =>
  database.db.selectFrom('conversations').select(['id', 'debtorId', 'status']).where('channel', '=', channel).where('address', '=', address).orderBy('createdAt', 'desc').executeTakeFirstOrThrow();
const consentOf = (address: string) => database.db.selectFrom('contactPoints').select(['channel', 'consent']).where('address', '=', address).execute();

describe('a debtor imported with a WhatsApp number, writing through WhatsApp Web (Baileys)', () => {
  it('is recognised by the whatsapp contact point and greeted by name, not as an unknown number', async () => {
    const debtorId = await harness.addDebtor('co_maria', 'whatsapp', '+573400000001');
    await converse('baileys', '+573400000001', 'hola');
    const conversation = await conversationOf('baileys', '+573400000001');
    expect(conversation).toMatchObject({ debtorId, status: 'active' });
    const replies = await database.db.selectFrom('messages').select(['template', 'body']).where('conversationId', '=', conversation.id).where('direction', '=', 'out').orderBy('position').execute();
    expect(replies.map((r) => r.template)).toEqual(['greeting', 'ask_identifier']);
    expect(replies[0]?.body).toContain('María');
    expect(await consentOf('+573400000001')).toEqual([{ channel: 'whatsapp', consent: true }]);
  });

  it('opting out on Baileys withdraws WhatsApp consent, and the outbox drops later messages on both', async () => {
    await harness.addDebtor('co_maria', 'whatsapp', '+573400000002');
    await converse('baileys', '+573400000002', 'hola');
    await converse('baileys', '+573400000002', 'STOP');
    expect(await consentOf('+573400000002')).toEqual([{ channel: 'whatsapp', consent: false }]);
    expect(await isOptedOut(database.db, { channel: 'whatsapp', toAddress: '+573400000002' })).toBe(true);
    expect(await isOptedOut(database.db, { channel: 'baileys', toAddress: '+573400000002' })).toBe(true);

    const baileys = createRecordingChannel('baileys');
    const sender = createOutboxSender({ ...harness.deps, channels: { baileys }, ratePerSecond: 100 });
    await sender.drainOnce();
    const confirmed = baileys.sent.length; // greeting, identity question and the opt-out confirmation
    expect(confirmed).toBe(3);
    await converse('baileys', '+573400000002', 'hola');
    await sender.drainOnce();
    expect(baileys.sent).toHaveLength(confirmed);
    const dropped = await database.db.selectFrom('outbox').select('errorCode').where('toAddress', '=', '+573400000002').where('status', '=', 'dropped').execute();
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.every((r) => r.errorCode === 'COMPLIANCE.OPTED_OUT')).toBe(true);
  });

  it('opting out on WhatsApp (Twilio) stops Baileys messages to the same number', async () => {
    await harness.addDebtor('co_maria', 'whatsapp', '+573400000003');
    expect(await isOptedOut(database.db, { channel: 'baileys', toAddress: '+573400000003' })).toBe(false);
    await converse('whatsapp', '+573400000003', 'STOP');
    expect(await isOptedOut(database.db, { channel: 'baileys', toAddress: '+573400000003' })).toBe(true);

    await converse('baileys', '+573400000003', 'hola');
    const baileys = createRecordingChannel('baileys');
    await createOutboxSender({ ...harness.deps, channels: { baileys }, ratePerSecond: 100 }).drainOnce();
    expect(baileys.sent).toEqual([]);
  });

  it('a wrong party on Baileys is a wrong party on WhatsApp: the number is no longer the debtor\'s there either', async () => {
    await harness.addDebtor('co_maria', 'whatsapp', '+573400000004');
    await converse('baileys', '+573400000004', 'hola');
    await converse('baileys', '+573400000004', 'número equivocado, no soy María');
    expect(await consentOf('+573400000004')).toEqual([{ channel: 'whatsapp', consent: false }]);
    const marks = await database.db.selectFrom('wrongPartyMarks').select('channel').where('address', '=', '+573400000004').execute();
    expect(marks).toEqual([{ channel: 'whatsapp' }]);

    await converse('whatsapp', '+573400000004', 'hola');
    expect((await conversationOf('whatsapp', '+573400000004')).debtorId).toBeNull();
  });
});
