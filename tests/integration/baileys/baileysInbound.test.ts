import { proto } from '@whiskeysockets/baileys';
import type { WAMessage, WAMessageKey } from '@whiskeysockets/baileys';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBaileysChannel } from '../../../src/adapters/channels/baileys/createBaileysChannel';
import type { BaileysChannel } from '../../../src/adapters/channels/baileys/createBaileysChannel';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createTestDatabase } from '../../helpers/testDatabase';
import { createManualTimers, createTestSocketFactory, wireMessage } from './createTestSocketFactory';
import type { TestSocket } from './createTestSocketFactory';

const SENT_AT = 1_767_225_600; // 2026-01-01T00:00:00Z, as WhatsApp sends it (seconds)
const DEBTOR = '573001112233@s.whatsapp.net';

let database: Database;
let channel: BaileysChannel;
let socket: TestSocket;

function incoming(id: string, remoteJid: string, content: proto.IMessage, key: Partial<WAMessageKey> = {}): WAMessage {
  return { key: { remoteJid, fromMe: false, id, ...key }, message: wireMessage(content), messageTimestamp: SENT_AT, pushName: 'Ana' };
}

async function inboxRows() {
  return database.db
    .selectFrom('inbox')
    .select(['providerMessageId', 'fromAddress', 'body', 'payload', 'receivedAt', 'status'])
    .where('channel', '=', 'baileys')
    .orderBy('seq')
    .execute();
}

async function waitForInbox(providerMessageId: string) {
  await vi.waitFor(
    async () => {
      const rows = await inboxRows();
      expect(rows.map((r) => r.providerMessageId)).toContain(providerMessageId);
    },
    { timeout: 15_000, interval: 50 },
  );
  return inboxRows();
}

beforeAll(async () => {
  database = await createTestDatabase();
  const sockets = createTestSocketFactory();
  channel = createBaileysChannel({
    db: database.db,
    enqueueInbound: (msg) => enqueueInbound(database.db, msg),
    logger: pino({ level: 'silent' }),
    clock: { now: () => new Date('2026-01-01T00:05:00Z') },
    socketFactory: sockets.factory,
    timers: createManualTimers(),
    printQr: () => undefined,
  });
  await channel.start();
  const first = sockets.sockets[0];
  if (!first) throw new Error('no socket created');
  socket = first;
  socket.ev.emit('connection.update', { connection: 'open' });
});

afterAll(async () => {
  await channel.stop();
  await database.close();
});

describe('Baileys inbound messages', () => {
  it('stores the text of every kind of message a debtor can send, in order', async () => {
    const messages: WAMessage[] = [
      incoming('K01', DEBTOR, { conversation: 'Hola, quiero pagar' }),
      incoming('K02', DEBTOR, { extendedTextMessage: { text: 'Mi saldo? https://example.com' } }),
      incoming('K03', DEBTOR, { imageMessage: { caption: 'comprobante de pago', mimetype: 'image/jpeg' } }),
      incoming('K04', DEBTOR, { videoMessage: { caption: 'video del recibo', mimetype: 'video/mp4' } }),
      incoming('K05', DEBTOR, { documentWithCaptionMessage: { message: { documentMessage: { caption: 'extracto', fileName: 'x.pdf' } } } }),
      incoming('K06', DEBTOR, { buttonsResponseMessage: { selectedButtonId: 'pay_now', selectedDisplayText: 'Pagar ahora' } }),
      incoming('K07', DEBTOR, {
        listResponseMessage: { title: '3 cuotas', listType: 1, singleSelectReply: { selectedRowId: 'plan_3' } },
      }),
      incoming('K08', DEBTOR, { templateButtonReplyMessage: { selectedId: 'yes', selectedDisplayText: 'Sí', selectedIndex: 0 } }),
      incoming('K09', DEBTOR, { ephemeralMessage: { message: { extendedTextMessage: { text: 'mensaje temporal' } } } }),
      incoming('K10', DEBTOR, { viewOnceMessageV2: { message: { imageMessage: { caption: 'ver una vez' } } } }),
      incoming('K11', DEBTOR, { viewOnceMessage: { message: { conversation: 'once' } } }),
      incoming('K12', DEBTOR, { audioMessage: { ptt: true, seconds: 4, mimetype: 'audio/ogg; codecs=opus' } }),
      incoming('K13', DEBTOR, { audioMessage: { ptt: false, seconds: 60 } }),
      incoming('K14', DEBTOR, { stickerMessage: { mimetype: 'image/webp' } }),
      incoming('K15', DEBTOR, { imageMessage: { mimetype: 'image/jpeg' } }),
    ];
    socket.ev.emit('messages.upsert', { messages, type: 'notify' });

    const rows = await waitForInbox('K15');
    const byId = new Map(rows.map((r) => [r.providerMessageId, r]));
    const seen = messages.map((m) => {
      const row = byId.get(m.key.id ?? '');
      return [m.key.id, row?.body, row?.payload.kind, row?.payload.selectionId];
    });
    expect(seen).toEqual([
      ['K01', 'Hola, quiero pagar', 'text', undefined],
      ['K02', 'Mi saldo? https://example.com', 'text', undefined],
      ['K03', 'comprobante de pago', 'image', undefined],
      ['K04', 'video del recibo', 'video', undefined],
      ['K05', 'extracto', 'document', undefined],
      ['K06', 'Pagar ahora', 'selection', 'pay_now'],
      ['K07', '3 cuotas', 'selection', 'plan_3'],
      ['K08', 'Sí', 'selection', 'yes'],
      ['K09', 'mensaje temporal', 'text', undefined],
      ['K10', 'ver una vez', 'image', undefined],
      ['K11', 'once', 'text', undefined],
      ['K12', '', 'voice_note', undefined],
      ['K13', '', 'audio', undefined],
      ['K14', '', 'sticker', undefined],
      ['K15', '', 'image', undefined],
    ]);
    expect(rows.map((r) => r.providerMessageId)).toEqual(messages.map((m) => m.key.id));
    const first = byId.get('K01');
    expect(first?.fromAddress).toBe('+573001112233');
    expect(first?.payload.jid).toBe(DEBTOR);
    expect(first?.receivedAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(first?.status).toBe('pending');
  });

  it('ignores own messages, groups, status, broadcast lists, newsletters, protocol messages and reactions', async () => {
    const noise: WAMessage[] = [
      incoming('N01', DEBTOR, { conversation: 'sent from our phone' }, { fromMe: true }),
      incoming('N02', '120363025246125486@g.us', { conversation: 'group chat' }, { participant: DEBTOR }),
      incoming('N03', 'status@broadcast', { extendedTextMessage: { text: 'my status' } }, { participant: DEBTOR }),
      incoming('N04', '1700000000@broadcast', { conversation: 'broadcast list' }, { participant: DEBTOR }),
      incoming('N05', '120363144038483540@newsletter', { conversation: 'channel post' }),
      incoming('N06', DEBTOR, { protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE, key: { id: 'K01' } } }),
      incoming('N07', DEBTOR, { reactionMessage: { key: { id: 'K01', remoteJid: DEBTOR }, text: '👍' } }),
      incoming('N08', DEBTOR, { senderKeyDistributionMessage: { groupId: 'x', axolotlSenderKeyDistributionMessage: Buffer.from([1]) } }),
      { key: { remoteJid: DEBTOR, fromMe: false, id: 'N09' }, messageStubType: proto.WebMessageInfo.StubType.CIPHERTEXT, messageTimestamp: SENT_AT },
    ];
    socket.ev.emit('messages.upsert', { messages: noise, type: 'notify' });
    // History and our own phone's messages arrive as 'append' and are not answered either.
    socket.ev.emit('messages.upsert', { messages: [incoming('N10', DEBTOR, { conversation: 'old' })], type: 'append' });
    socket.ev.emit('messages.upsert', { messages: [incoming('S01', DEBTOR, { conversation: 'sentinel' })], type: 'notify' });

    const ids = (await waitForInbox('S01')).map((r) => r.providerMessageId);
    expect(ids.filter((id) => id.startsWith('N'))).toEqual([]);
  });

  it('uses the phone number behind a LID address when WhatsApp gives it, and the LID otherwise', async () => {
    socket.ev.emit('messages.upsert', {
      type: 'notify',
      messages: [
        incoming('L01', '215172391231234@lid', { conversation: 'hola' }, { remoteJidAlt: '5215512345678@s.whatsapp.net', addressingMode: 'lid' }),
        incoming('L02', '215172391239999@lid', { conversation: 'hola' }, { addressingMode: 'lid' }),
      ],
    });
    const rows = await waitForInbox('L02');
    const withPhone = rows.find((r) => r.providerMessageId === 'L01');
    const lidOnly = rows.find((r) => r.providerMessageId === 'L02');
    expect(withPhone?.fromAddress).toBe('+5215512345678');
    expect(withPhone?.payload).toMatchObject({ jid: '215172391231234@lid', jidAlt: '5215512345678@s.whatsapp.net' });
    expect(lidOnly?.fromAddress).toBe('215172391239999@lid');
  });

  it('stores a redelivered message once, including batches released by the event buffer', async () => {
    const message = incoming('D01', DEBTOR, { conversation: 'dos veces' });
    socket.ev.buffer();
    socket.ev.emit('messages.upsert', { messages: [message], type: 'notify' });
    socket.ev.emit('messages.upsert', { messages: [incoming('D02', DEBTOR, { conversation: 'tres' })], type: 'notify' });
    expect(socket.ev.flush()).toBe(true);
    socket.ev.emit('messages.upsert', { messages: [message], type: 'notify' });
    socket.ev.emit('messages.upsert', { messages: [incoming('D03', DEBTOR, { conversation: 'after' })], type: 'notify' });

    const rows = await waitForInbox('D03');
    expect(rows.filter((r) => r.providerMessageId === 'D01')).toHaveLength(1);
    expect(rows.filter((r) => r.providerMessageId === 'D02')).toHaveLength(1);
  });
});
