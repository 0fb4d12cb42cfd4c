import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { upsertDebtor } from '../../../src/adapters/db/repositories/upsertDebtor';
import { applyCollectionsEffect } from '../../../src/collections/applyCollectionsEffect';
import { createCollectionsFactsProvider } from '../../../src/collections/createCollectionsFactsProvider';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import type { ChannelKind } from '../../../src/ports/channel';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import type { InboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createOutboxSender } from '../../../src/pipeline/send/createOutboxSender';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { createRecordingChannel } from '../../helpers/createRecordingChannel';
import type { RecordingChannel } from '../../helpers/createRecordingChannel';
import { createTestDatabase } from '../../helpers/testDatabase';
import { loadShippedPolicies, portfolioCsv } from '../collections/support';

/**
 * Opt-out wins in every state, for every sender and channel, on the real pipeline (inbox worker with the collections
 * facts and effects, outbox sender): handed to a person after failed verification, locked out of verification, a
 * debtor with no account, an unknown number; Twilio SMS and WhatsApp, Baileys and the web simulator. The person's
 * decision is an address_opt_outs row; only their explicit re-subscribe removes it.
 */
let database: Database;
let harness: PipelineHarness;
let worker: InboxWorker;
let sender: ReturnType<typeof createOutboxSender>;
const channels = { sms: createRecordingChannel('sms'), whatsapp: createRecordingChannel('whatsapp'), baileys: createRecordingChannel('baileys'), web: createRecordingChannel('web') };
let sid = 0;

const CONFIRMATION_ES = 'Listo, no te enviaremos más mensajes por este medio. Si cambias de opinión, escribe ALTA.';
const phones = { handoff: '+573001110001', locked: '+573001110002', sms: '+573001110003', baileys: '+573001110004', pending: '+573001110005', resub: '+573001110006' };

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
  const rows = Object.entries(phones).map(([name, phone]) => ({ external_id: `OPT-${name}`, account_id: `OPT-A-${name}`, phone }));
  const imported = await importPortfolio(database.db, portfolioCsv(...rows), { now: harness.deps.clock.now() });
  expect(imported.ok).toBe(true);
  const facts = createCollectionsFactsProvider({ policies: await loadShippedPolicies(), clock: harness.deps.clock });
  worker = createInboxWorker({ ...harness.deps, facts, domainEffects: applyCollectionsEffect });
  sender = createOutboxSender({ ...harness.deps, channels, ratePerSecond: 10_000 });
});
afterAll(async () => {
  await database.close();
});

const sentTo = (channel: RecordingChannel, to: string) => channel.sent.filter((m) => m.to === to).map((m) => m.body);

/** One message from `from` on `channel` through the worker and the sender; returns what was sent to it meanwhile. */
async function say(channel: ChannelKind, from: string, body: string, opts: { send?: boolean } = {}): Promise<string[]> {
  const before = sentTo(channels[channel], from).length;
  await enqueueInbound(database.db, { channel, providerMessageId: `OPT-${++sid}`, from, body, receivedAt: harness.deps.clock.now() });
  await worker.drainOnce();
  if (opts.send !== false) await sender.drainOnce();
  return sentTo(channels[channel], from).slice(before);
}

const optOutOf = (channel: 'sms' | 'whatsapp' | 'web', address: string) =>
  database.db.selectFrom('addressOptOuts').selectAll().where('channel', '=', channel).where('address', '=', address).executeTakeFirst();
const consentOf = async (channel: 'sms' | 'whatsapp', address: string) =>
  (await database.db.selectFrom('contactPoints').select('consent').where('channel', '=', channel).where('address', '=', address).executeTakeFirstOrThrow()).consent;
const auditCodes = async (address: string) => {
  const rows = await database.db
    .selectFrom('auditEvents').innerJoin('conversations', 'conversations.id', 'auditEvents.conversationId')
    .select('auditEvents.code').where('conversations.address', '=', address).orderBy('auditEvents.seq').execute();
  return rows.map((r) => r.code);
};

describe('opt-out in every state', () => {
  it('is recorded and confirmed once in a conversation handed to a person after failed verification', async () => {
    const to = phones.handoff;
    await say('whatsapp', to, 'hola');
    for (const wrong of ['9999', '8888', '7777']) await say('whatsapp', to, wrong);
    const handed = await database.db.selectFrom('conversations').select(['handoff', 'status']).where('address', '=', to).executeTakeFirstOrThrow();
    expect(handed).toEqual({ handoff: true, status: 'active' });
    expect(await say('whatsapp', to, 'hola?')).toEqual([]); // a person has it: the bot is silent

    expect(await say('whatsapp', to, 'STOP')).toEqual([CONFIRMATION_ES]);
    expect(await optOutOf('whatsapp', to)).toMatchObject({ source: 'inbound' });
    expect(await consentOf('whatsapp', to)).toBe(false);
    const codes = await auditCodes(to);
    expect(codes).toContain('CONSENT.OPT_OUT');
    expect(codes.filter((c) => c === 'PIPELINE.HANDOFF_SILENT')).toHaveLength(1); // only 'hola?', not STOP
    expect(await say('whatsapp', to, 'STOP')).toEqual([]); // confirmed once
    expect(await say('whatsapp', to, 'hola')).toEqual([]);
  });

  it('wins over a verification lock kept from an earlier conversation: no greeting, no lock notice', async () => {
    const to = phones.locked;
    const debtor = await database.db.selectFrom('debtors').select('id').where('externalId', '=', 'OPT-locked').executeTakeFirstOrThrow();
    const lockedUntil = new Date(harness.deps.clock.now().getTime() + 30 * 60_000);
    await database.db.insertInto('verificationState').values({ debtorId: debtor.id, attempts: 3, lockedUntil }).execute();
    expect(await say('whatsapp', to, 'STOP')).toEqual([CONFIRMATION_ES]);
    expect(await optOutOf('whatsapp', to)).toBeDefined();
    expect(await say('whatsapp', to, 'hola')).toEqual([]);
  });

  it('wins for a debtor with no account ("no me escriban más"): no greeting, no handoff', async () => {
    const to = '+573001110099';
    await upsertDebtor(database.db, {
      externalId: 'OPT-no-account', firstName: 'Ana', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO', profile: {},
      contactPoints: [{ channel: 'whatsapp', address: to }],
    });
    expect(await say('whatsapp', to, 'no me escriban más')).toEqual([CONFIRMATION_ES]);
    const conversation = await database.db.selectFrom('conversations').select(['handoff', 'status', 'state']).where('address', '=', to).executeTakeFirstOrThrow();
    expect(conversation).toEqual({ handoff: false, status: 'ended', state: 'opted_out' });
    expect(await optOutOf('whatsapp', to)).toBeDefined();
  });

  it('wins for an unknown number: recorded on its address, confirmed, nothing after', async () => {
    const to = '+12125550999';
    const replies = await say('sms', to, 'STOP');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('ALTA');
    expect(await optOutOf('sms', to)).toMatchObject({ source: 'inbound' });
    expect(await say('sms', to, 'hola')).toEqual([]);
  });

  it('is recorded on the contact channel for Twilio SMS, Baileys (the WhatsApp contact) and the web simulator', async () => {
    await say('sms', phones.sms, 'hola');
    expect(await say('sms', phones.sms, 'baja')).toEqual([CONFIRMATION_ES]);
    expect(await optOutOf('sms', phones.sms)).toBeDefined();

    await say('baileys', phones.baileys, 'hola');
    expect(await say('baileys', phones.baileys, 'stop')).toEqual([CONFIRMATION_ES]);
    expect(await optOutOf('whatsapp', phones.baileys)).toBeDefined();
    expect(await consentOf('whatsapp', phones.baileys)).toBe(false);
    // The same number through Twilio WhatsApp is the same person's decision.
    expect(await say('whatsapp', phones.baileys, 'hola')).toEqual([]);

    const session = 'web-session-optout-1';
    await upsertDebtor(database.db, {
      externalId: 'OPT-web', firstName: 'Ana', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO', profile: {},
      contactPoints: [{ channel: 'web', address: session }],
    });
    expect(await say('web', session, 'hola')).toHaveLength(2); // greeting and "a person will write" (handed off)
    expect(await say('web', session, 'no quiero recibir más mensajes')).toEqual([CONFIRMATION_ES]);
    expect(await optOutOf('web', session)).toBeDefined();
  });

  it('drops replies still waiting in the outbox when the opt-out arrives; only the confirmation goes out', async () => {
    const to = phones.pending;
    await say('whatsapp', to, 'hola', { send: false }); // greeting and question wait in the outbox
    expect(await say('whatsapp', to, 'STOP')).toEqual([CONFIRMATION_ES]);
    const outbox = await database.db.selectFrom('outbox').select(['template', 'status', 'errorCode']).where('toAddress', '=', to).orderBy('position').execute();
    expect(outbox).toEqual([
      { template: 'greeting', status: 'dropped', errorCode: 'COMPLIANCE.OPTED_OUT' },
      { template: 'ask_identifier', status: 'dropped', errorCode: 'COMPLIANCE.OPTED_OUT' },
      { template: 'opted_out', status: 'sent', errorCode: null },
    ]);
  });

  it('is removed only by the person\'s explicit re-subscribe, which is audited and acknowledged', async () => {
    const to = phones.resub;
    expect(await say('whatsapp', to, 'STOP')).toEqual([CONFIRMATION_ES]);
    expect(await say('whatsapp', to, 'hola')).toEqual([]);
    expect(await say('whatsapp', to, '1234')).toEqual([]);
    expect(await optOutOf('whatsapp', to)).toBeDefined();

    expect(await say('whatsapp', to, 'ALTA')).toEqual(['Listo, volverás a recibir nuestros mensajes por este medio.']);
    expect(await optOutOf('whatsapp', to)).toBeUndefined();
    expect(await consentOf('whatsapp', to)).toBe(true);
    const codes = await auditCodes(to);
    expect(codes).toContain('CONSENT.RESUBSCRIBED');
    expect(codes.filter((c) => c === 'CONSENT.OPTED_OUT_INBOUND')).toHaveLength(2);
    const replies = await say('whatsapp', to, 'hola');
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatch(/^Hola, Ana/);
  });
});

describe('opt-out property', () => {
  const before = ['hola', '1234', '9999', 'cuánto debo', 'quiero pagar', 'quiero hablar con un asesor', 'no soy yo', 'pago el viernes', 'sí', 'xyz', 'ALTA'];
  const stops = ['STOP', 'no me escriban más', 'baja', 'unsubscribe', 'no quiero volver a recibir mensajes'];
  const after = ['hola', '1234', 'cuánto debo', 'quiero pagar', 'STOP', 'ok'];
  let next = 0;

  it('for any state and prior conversation, an opt-out is recorded and nothing but its one confirmation goes out after it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('known', 'no_account', 'unknown', 'locked'),
        fc.array(fc.record({ text: fc.constantFrom(...before), send: fc.boolean() }), { maxLength: 6 }),
        fc.constantFrom(...stops),
        fc.array(fc.constantFrom(...after), { maxLength: 3 }),
        async (who, prior, stop, later) => {
          const n = ++next;
          const to = `+5730022${String(n).padStart(5, '0')}`;
          await addSender(who, to, n);
          for (const { text, send } of prior) await say('whatsapp', to, text, { send });
          const sentBefore = sentTo(channels.whatsapp, to).length;
          await say('whatsapp', to, stop);
          for (const text of later) await say('whatsapp', to, text);
          await sender.drainOnce();
          expect(await optOutOf('whatsapp', to)).toBeDefined();
          const afterStop = channels.whatsapp.sent.filter((m) => m.to === to).slice(sentBefore);
          const templates = await Promise.all(afterStop.map(async (m) => (await database.db.selectFrom('outbox').select('template').where('id', '=', m.outboxId).executeTakeFirstOrThrow()).template));
          expect(templates.length).toBeLessThanOrEqual(1);
          for (const template of templates) expect(template).toBe('opted_out');
        },
      ),
      // Found by this property: a wrong-party notice still queued when STOP came went out after it.
      { numRuns: 25, examples: [['known', [{ text: 'no soy yo', send: false }], 'STOP', []]] },
    );
  }, 120_000);

  async function addSender(who: string, to: string, n: number): Promise<void> {
    if (who === 'unknown') return;
    if (who === 'no_account') {
      await upsertDebtor(database.db, {
        externalId: `PROP-${n}`, firstName: 'Ana', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO', profile: {},
        contactPoints: [{ channel: 'whatsapp', address: to }],
      });
      return;
    }
    const imported = await importPortfolio(database.db, portfolioCsv({ external_id: `PROP-${n}`, account_id: `PROP-A-${n}`, phone: to }), { now: harness.deps.clock.now() });
    expect(imported.ok).toBe(true);
    if (who === 'locked') {
      const debtor = await database.db.selectFrom('debtors').select('id').where('externalId', '=', `PROP-${n}`).executeTakeFirstOrThrow();
      await database.db.insertInto('verificationState').values({ debtorId: debtor.id, attempts: 3, lockedUntil: new Date(harness.deps.clock.now().getTime() + 30 * 60_000) }).execute();
    }
  }
});
