import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/main';
import { buildTwilioFakeEnv } from '../fakes/buildTwilioFakeEnv';
import { startFakeTwilioApi } from '../fakes/fakeTwilioApi';
import type { FakeTwilioApi } from '../fakes/fakeTwilioApi';
import { importPortfolioCsv } from '../fakes/importPortfolioCsv';
import { mariaConversation, mariaPhone, storedBody } from '../fakes/mariaConversation';
import type { ConversationTurn } from '../fakes/mariaConversation';
import { readPortfolioFixture } from '../fakes/readPortfolioFixture';
import { newMessageSid, signTwilioWebhook } from '../fakes/signTwilioWebhook';
import { startTestService, testPublicBaseUrl } from '../fakes/startTestService';
import { waitForPipelineIdle } from '../fakes/waitForPipelineIdle';

const whatsappFrom = 'whatsapp:+14155238886';
const smsFrom = '+15005550006';
const adminToken = 'e2e-twilio-admin-token-0123456789';

let fake: FakeTwilioApi;
let service: RunningService;
/** What María got on WhatsApp for each turn of the conversation, to compare with the simulator. */
const whatsappTranscript: string[][] = [];

beforeAll(async () => {
  fake = await startFakeTwilioApi();
  service = await startTestService({
    ...buildTwilioFakeEnv(fake, whatsappFrom),
    TWILIO_SMS_FROM: smsFrom,
    API_TOKENS: `${adminToken}:admin`,
    // The simulator replays María's WhatsApp conversation word for word, verification included: no carrying over
    // of her recent verification (tests/e2e/offscript.test.ts covers that).
    REVERIFY_AFTER_MINUTES: '0',
  });
  // María arrives the way every debtor does: a portfolio file imported through the API (debtor, account, factors,
  // WhatsApp/SMS contact points with consent).
  const summary = await importPortfolioCsv(service.url, adminToken, await readPortfolioFixture('maria.csv'));
  expect(summary).toMatchObject({ rows: 1, debtors: { created: 1 }, accounts: { created: 1 } });
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await fake?.close();
});

/** Posts a form to the running server signed as Twilio signs it: for the public URL, not the local one. */
async function postSigned(path: string, params: Record<string, string>): Promise<Response> {
  const signature = signTwilioWebhook(fake.authToken, `${testPublicBaseUrl}${path}`, params);
  return fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
}

async function sendWhatsApp(body: string): Promise<Response> {
  return postSigned('/webhooks/twilio', { MessageSid: newMessageSid(), AccountSid: fake.accountSid, From: `whatsapp:${mariaPhone}`, To: whatsappFrom, Body: body, NumMedia: '0' });
}

function repliesToMaria(): string[] {
  return fake.messages.filter((m) => m.to === `whatsapp:${mariaPhone}`).map((m) => m.body);
}

/** Sends one turn on WhatsApp, waits until it is processed and every reply went out, checks and records the replies. */
async function playTurn(turn: ConversationTurn): Promise<string[]> {
  const before = repliesToMaria().length;
  expect((await sendWhatsApp(turn.say)).status).toBe(200);
  await waitForPipelineIdle(service.database.db, 60_000);
  const replies = repliesToMaria().slice(before);
  expect(replies).toEqual(turn.replies.map((pattern) => expect.stringMatching(pattern)));
  whatsappTranscript.push(replies);
  return replies;
}

function turn(index: number): ConversationTurn {
  const found = mariaConversation[index];
  if (!found) throw new Error(`no turn ${index}`);
  return found;
}

async function simulatorMessages(session: string): Promise<Array<{ direction: string; body: string }>> {
  const res = await fetch(`${service.url}/simulator/api/messages?session=${encodeURIComponent(session)}`);
  expect(res.status).toBe(200);
  const data: { messages: Array<{ direction: string; body: string }> } = await res.json();
  return data.messages;
}

/** Polls the simulator until the session holds `count` bot replies (the web channel has no push). */
async function pollSimulator(session: string, count: number): Promise<Array<{ direction: string; body: string }>> {
  for (let i = 0; i < 240; i += 1) {
    const messages = await simulatorMessages(session);
    if (messages.filter((m) => m.direction === 'out').length >= count) return messages;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`simulator: fewer than ${count} replies after 60 s`);
}

describe('a WhatsApp conversation through Twilio, end to end', () => {
  it('acknowledges a signed webhook with empty TwiML and the greeting reaches Twilio through the official client', async () => {
    const res = await sendWhatsApp(turn(0).say);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    expect(await res.text()).toContain('<Response></Response>');

    const sent = await fake.waitForMessages(1, 30_000);
    await waitForPipelineIdle(service.database.db, 60_000);
    // The flow greets and asks for verification; every reply goes to María's WhatsApp from our sender.
    expect(sent[0]).toMatchObject({ to: `whatsapp:${mariaPhone}`, from: whatsappFrom, statusCallback: `${testPublicBaseUrl}/webhooks/twilio/status` });
    expect(fake.messages.every((m) => m.to === `whatsapp:${mariaPhone}`)).toBe(true);
    const replies = repliesToMaria();
    expect(replies).toEqual(turn(0).replies.map((pattern) => expect.stringMatching(pattern)));
    // Nothing about the debt before she proves who she is.
    expect(replies.join('\n')).not.toMatch(/Banco Andino|1\.250\.000/);
    whatsappTranscript.push(replies);
  });

  it('records Twilio delivery callbacks on the outbox row', async () => {
    const first = fake.messages[0];
    if (!first) throw new Error('no message reached the fake');
    const res = await postSigned('/webhooks/twilio/status', { MessageSid: first.sid, MessageStatus: 'delivered', AccountSid: fake.accountSid });
    expect(res.status).toBe(204);
    const row = await service.database.db.selectFrom('outbox').select(['status', 'providerMessageId']).where('providerMessageId', '=', first.sid).executeTakeFirstOrThrow();
    expect(row.status).toBe('delivered');
  });

  it('verifies María against her imported document, retrying a reply after Twilio answers 500 and delivering it once', async () => {
    fake.failNext(1, 500);
    await playTurn(turn(1));
    expect(fake.requests.some((r) => r.status === 500)).toBe(true);
    const failedRows = await service.database.db.selectFrom('outbox').select('id').where('status', '=', 'failed').execute();
    expect(failedRows).toHaveLength(0);
  });

  it('answers the balance of her imported account and sends the signed payment link', async () => {
    await playTurn(turn(2));
    await playTurn(turn(3));
    expect(whatsappTranscript).toHaveLength(mariaConversation.length);
  });

  it('answers an unknown SMS number neutrally through the SMS sender', async () => {
    const res = await postSigned('/webhooks/twilio', { MessageSid: newMessageSid(), From: '+15551230000', To: smsFrom, Body: 'hello?' });
    expect(res.status).toBe(200);
    const reply = await fake.waitForMessage((m) => m.to === '+15551230000', 30_000);
    expect(reply.from).toBe(smsFrom);
    expect(reply.body).not.toMatch(/María|Banco Andino/);
  });

  it('has the same conversation through the web simulator API, without credentials', async () => {
    // Only the demo seed marks simulator debtors; here the imported María plays one, as an operator's demo would.
    await service.database.db.updateTable('debtors').set({ demo: true }).where('externalId', '=', 'demo-e2e-maria').execute();
    const opened = await fetch(`${service.url}/simulator/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ debtorId: 'demo-e2e-maria' }),
    });
    expect(opened.status).toBe(201);
    const { session } = await opened.json();
    let replies = 0;
    for (const [index, step] of mariaConversation.entries()) {
      const sent = await fetch(`${service.url}/simulator/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session, text: step.say }),
      });
      expect(sent.status).toBe(202);
      replies += step.replies.length;
      const messages = await pollSimulator(session, replies);
      await waitForPipelineIdle(service.database.db, 60_000);
      const outs = (await simulatorMessages(session)).filter((m) => m.direction === 'out').map((m) => m.body);
      // Word for word what María got on WhatsApp for the same turn (same flow, facts, payment link).
      expect(outs.slice(replies - step.replies.length)).toEqual(whatsappTranscript[index]);
      expect(messages.filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(mariaConversation.slice(0, index + 1).map(storedBody));
    }
    // The simulator never becomes a way to reach a real debtor or someone else's session.
    const foreign = await fetch(`${service.url}/simulator/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ debtorId: 'ext-real-debtor' }),
    });
    expect(foreign.status).toBe(404);
    const guessed = await fetch(`${service.url}/simulator/api/messages?session=sim-00000000-0000-4000-8000-000000000000`);
    expect(guessed.status).toBe(404);
  }, 120_000);
});
