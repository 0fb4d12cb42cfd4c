import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertDebtor } from '../../src/adapters/db/repositories/upsertDebtor';
import { createTestFacts } from '../../src/demo/createTestFacts';
import type { RunningService } from '../../src/main';
import { startFakeTwilioApi } from '../fakes/fakeTwilioApi';
import type { FakeTwilioApi } from '../fakes/fakeTwilioApi';
import { newMessageSid, signTwilioWebhook } from '../fakes/signTwilioWebhook';
import { startTestService, testPublicBaseUrl } from '../fakes/startTestService';
import { waitForPipelineIdle } from '../fakes/waitForPipelineIdle';

const mariaPhone = '+573001112233';
const whatsappFrom = 'whatsapp:+14155238886';
const smsFrom = '+15005550006';

let fake: FakeTwilioApi;
let service: RunningService;

beforeAll(async () => {
  fake = await startFakeTwilioApi();
  service = await startTestService({
    PUBLIC_BASE_URL: testPublicBaseUrl,
    TWILIO_ACCOUNT_SID: fake.accountSid,
    TWILIO_AUTH_TOKEN: fake.authToken,
    TWILIO_API_BASE_URL: fake.url,
    TWILIO_WHATSAPP_FROM: whatsappFrom,
    TWILIO_SMS_FROM: smsFrom,
  });
  // María (demo facts) reachable on WhatsApp, as an import would set her up.
  const facts = createTestFacts().co_maria;
  if (!facts) throw new Error('demo fixture co_maria is missing');
  await upsertDebtor(service.database.db, {
    externalId: 'demo-co_maria',
    firstName: facts.debtor.firstName,
    locale: facts.debtor.locale,
    timezone: facts.debtor.timeZone,
    country: facts.debtor.country,
    profile: facts,
    contactPoints: [{ channel: 'whatsapp', address: mariaPhone }],
  });
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

async function pollSimulator(session: string, count: number): Promise<Array<{ direction: string; body: string }>> {
  for (let i = 0; i < 120; i += 1) {
    const res = await fetch(`${service.url}/simulator/api/messages?session=${encodeURIComponent(session)}`);
    const data: { messages: Array<{ direction: string; body: string }> } = await res.json();
    if (data.messages.filter((m) => m.direction === 'out').length >= count) return data.messages;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`simulator: fewer than ${count} replies after 30 s`);
}

describe('a WhatsApp conversation through Twilio, end to end', () => {
  let greetingReplies: string[] = [];

  it('acknowledges a signed webhook with empty TwiML and the replies reach Twilio through the official client', async () => {
    const res = await sendWhatsApp('Hola');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    expect(await res.text()).toContain('<Response></Response>');

    const sent = await fake.waitForMessages(1, 30_000);
    // The flow greets and asks for verification; every reply goes to María's WhatsApp from our sender.
    await waitForPipelineIdle(service.database.db);
    greetingReplies = fake.messages.map((m) => m.body);
    expect(sent[0]).toMatchObject({ to: `whatsapp:${mariaPhone}`, from: whatsappFrom, statusCallback: `${testPublicBaseUrl}/webhooks/twilio/status` });
    expect(fake.messages.every((m) => m.to === `whatsapp:${mariaPhone}`)).toBe(true);
    expect(greetingReplies.join('\n')).toContain('María');
  });

  it('records Twilio delivery callbacks on the outbox row', async () => {
    const first = fake.messages[0];
    if (!first) throw new Error('no message reached the fake');
    const res = await postSigned('/webhooks/twilio/status', { MessageSid: first.sid, MessageStatus: 'delivered', AccountSid: fake.accountSid });
    expect(res.status).toBe(204);
    const row = await service.database.db.selectFrom('outbox').select(['status', 'providerMessageId']).where('providerMessageId', '=', first.sid).executeTakeFirstOrThrow();
    expect(row.status).toBe('delivered');
  });

  it('retries a reply after Twilio answers 500 and delivers it once', async () => {
    const before = fake.messages.length;
    fake.failNext(1, 500);
    expect((await sendWhatsApp('1234')).status).toBe(200);
    await fake.waitForMessages(before + 1, 40_000);
    await waitForPipelineIdle(service.database.db);
    expect(fake.requests.some((r) => r.status === 500)).toBe(true);
    expect(fake.messages.slice(before).map((m) => m.body).join('\n')).toMatch(/María/);
    const failedRows = await service.database.db.selectFrom('outbox').select('id').where('status', '=', 'failed').execute();
    expect(failedRows).toHaveLength(0);
  });

  it('answers an unknown SMS number neutrally through the SMS sender', async () => {
    const res = await postSigned('/webhooks/twilio', { MessageSid: newMessageSid(), From: '+15551230000', To: smsFrom, Body: 'hello?' });
    expect(res.status).toBe(200);
    const reply = await fake.waitForMessage((m) => m.to === '+15551230000', 30_000);
    expect(reply.from).toBe(smsFrom);
    expect(reply.body).not.toMatch(/María|Banco Andino/);
  });

  it('gives the same greeting through the web simulator API, without credentials', async () => {
    const opened = await fetch(`${service.url}/simulator/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ debtorId: 'demo-co_maria' }),
    });
    expect(opened.status).toBe(201);
    const { session } = await opened.json();
    const sent = await fetch(`${service.url}/simulator/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session, text: 'Hola' }),
    });
    expect(sent.status).toBe(202);
    const messages = await pollSimulator(session, greetingReplies.length);
    expect(messages[0]).toMatchObject({ direction: 'in', body: 'Hola' });
    expect(messages.filter((m) => m.direction === 'out').map((m) => m.body)).toEqual(greetingReplies);
    // The simulator never becomes a way to reach a real debtor or someone else's session.
    const foreign = await fetch(`${service.url}/simulator/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ debtorId: 'ext-real-debtor' }),
    });
    expect(foreign.status).toBe(404);
    const guessed = await fetch(`${service.url}/simulator/api/messages?session=sim-00000000-0000-4000-8000-000000000000`);
    expect(guessed.status).toBe(404);
  });
});
