import type { WAMessage, WAMessageKey } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningService } from '../../src/main';
import { importPortfolioCsv } from '../fakes/importPortfolioCsv';
import { mariaConversation, mariaPhone, storedBody } from '../fakes/mariaConversation';
import type { ConversationTurn } from '../fakes/mariaConversation';
import { readPortfolioFixture } from '../fakes/readPortfolioFixture';
import { startTestService } from '../fakes/startTestService';
import { waitForPipelineIdle } from '../fakes/waitForPipelineIdle';
import { createTestSocketFactory, wireMessage } from '../integration/baileys/createTestSocketFactory';
import type { TestSocket } from '../integration/baileys/createTestSocketFactory';

/**
 * WhatsApp Web (Baileys) end to end: the whole service from startService with BAILEYS_ENABLED=true. WhatsApp's
 * servers cannot run here, so the one part replaced is the connection itself: startService's `baileysSocketFactory`
 * builds a socket whose `ev` is Baileys' own event buffer and whose sendMessage records (instead of makeWASocket,
 * which would dial WhatsApp). Everything else is the running service: the channel's login store, inbound filter and
 * inbox writes, the worker, flows, collections facts from an imported portfolio, the outbox sender and the admin
 * status page. María is imported with the portfolio only (SMS and WhatsApp contact points): WhatsApp Web is the same
 * number, so nothing links her to the Baileys channel by hand.
 */
const whatsapp = createTestSocketFactory();
const adminToken = 'e2e-baileys-admin-token-0123456789';
const mariaJid = `${mariaPhone.slice(1)}@s.whatsapp.net`;
const groupJid = '120363025246125486@g.us';

let service: RunningService;
let socket: TestSocket;
let nextId = 0;

beforeAll(async () => {
  service = await startTestService({ BAILEYS_ENABLED: 'true', API_TOKENS: `${adminToken}:admin` }, { baileysSocketFactory: whatsapp.factory });
  await importPortfolioCsv(service.url, adminToken, await readPortfolioFixture('maria.csv'));
  const debtor = await service.database.db.selectFrom('debtors').select('id').where('externalId', '=', 'demo-e2e-maria').executeTakeFirstOrThrow();
  const contacts = await service.database.db.selectFrom('contactPoints').select('channel').where('debtorId', '=', debtor.id).orderBy('channel').execute();
  expect(contacts.map((c) => c.channel)).toEqual(['sms', 'whatsapp']);

  const first = whatsapp.sockets[0];
  if (!first) throw new Error('the service did not open a WhatsApp Web socket');
  socket = first;
  socket.ev.emit('connection.update', { connection: 'open' });
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

function message(remoteJid: string, text: string, key: Partial<WAMessageKey> = {}): WAMessage {
  nextId += 1;
  return {
    key: { remoteJid, fromMe: false, id: `3EB0E2E${String(nextId).padStart(13, '0')}`, ...key },
    message: wireMessage({ conversation: text }),
    messageTimestamp: Math.floor(Date.now() / 1000),
    pushName: 'María',
  };
}

/** Delivers messages the way the socket does after decrypting them: one 'messages.upsert' event. */
function upsert(messages: WAMessage[], type: 'notify' | 'append' = 'notify'): void {
  socket.ev.emit('messages.upsert', { messages, type });
}

/** Polls until the socket has sent at least `count` messages and the pipeline is idle; rejects after 60 s. */
async function waitForSent(count: number): Promise<Array<{ jid: string; text: string }>> {
  await vi.waitFor(() => expect(socket.sent.length).toBeGreaterThanOrEqual(count), { timeout: 60_000, interval: 100 });
  await waitForPipelineIdle(service.database.db, 60_000);
  return socket.sent;
}

/** María writes one turn from her phone; returns what the bot sent back through the socket. */
async function playTurn(turn: ConversationTurn, msg = message(mariaJid, turn.say)): Promise<Array<{ jid: string; text: string }>> {
  const before = socket.sent.length;
  upsert([msg]);
  const sent = (await waitForSent(before + turn.replies.length)).slice(before);
  expect(sent).toEqual(turn.replies.map((pattern) => ({ jid: mariaJid, text: expect.stringMatching(pattern) })));
  return sent;
}

describe('a WhatsApp Web (Baileys) conversation through the running service', () => {
  it('is connected, as the admin status page says', async () => {
    const res = await fetch(`${service.url}/admin/whatsapp/status.json`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'open' });
  });

  it('has the same conversation as on Twilio: greeting, verification, balance and payment link', async () => {
    for (const turn of mariaConversation) await playTurn(turn);
    // Every reply is a sent outbox row carrying the id WhatsApp gave it; the transcript has both sides in order.
    const db = service.database.db;
    const conversation = await db.selectFrom('conversations').select('id').where('channel', '=', 'baileys').where('address', '=', mariaPhone).executeTakeFirstOrThrow();
    const outbox = await db.selectFrom('outbox').select(['status', 'providerMessageId', 'toAddress']).where('conversationId', '=', conversation.id).orderBy('createdAt').execute();
    expect(outbox).toHaveLength(socket.sent.length);
    for (const row of outbox) expect(row).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/^3EB0TEST/), toAddress: mariaPhone });
    const transcript = await db.selectFrom('messages').select(['direction', 'body']).where('conversationId', '=', conversation.id).orderBy('position').execute();
    expect(transcript.filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(mariaConversation.map(storedBody));
    expect(transcript.filter((m) => m.direction === 'out').map((m) => m.body)).toEqual(socket.sent.map((s) => s.text));
  }, 120_000);

  it('ignores our own messages, groups, status updates and history, and stores a redelivered message once', async () => {
    const balance = mariaConversation[2];
    if (!balance) throw new Error('no balance turn');
    const inboxBefore = await service.database.db.selectFrom('inbox').select('providerMessageId').where('channel', '=', 'baileys').execute();
    const sentBefore = socket.sent.length;

    const ignored = [
      message(mariaJid, 'cuánto debo', { fromMe: true }), // typed on our own phone in María's chat
      message(groupJid, 'cuánto debo', { participant: mariaJid }), // María in a group
      message('status@broadcast', 'cuánto debo', { participant: mariaJid }),
    ];
    upsert(ignored);
    upsert([message(mariaJid, 'cuánto debo')], 'append'); // history sync, not a new message
    const real = message(mariaJid, balance.say);
    // The channel stores a batch's messages in order, so once this message is answered the ones above were handled.
    await playTurn(balance, real);
    upsert([real]); // WhatsApp delivers the same message again
    const after = message(mariaJid, balance.say);
    await playTurn(balance, after); // answered only after the redelivery above was handled

    const inboxAfter = await service.database.db.selectFrom('inbox').select(['providerMessageId']).where('channel', '=', 'baileys').execute();
    expect(inboxAfter.map((r) => r.providerMessageId).sort()).toEqual([...inboxBefore.map((r) => r.providerMessageId), real.key.id, after.key.id].sort());
    expect(socket.sent.slice(sentBefore)).toHaveLength(2 * balance.replies.length);
    expect(socket.sent.every((s) => s.jid === mariaJid)).toBe(true);
    const groupConversations = await service.database.db.selectFrom('conversations').select('id').where('address', 'like', '%@g.us').execute();
    expect(groupConversations).toEqual([]);
  }, 120_000);
});
