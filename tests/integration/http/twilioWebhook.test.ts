import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { newMessageSid, signTwilioWebhook } from '../../fakes/signTwilioWebhook';
import { createTestDatabase } from '../../helpers/testDatabase';
import { authToken, createHttpTestApp, publicBaseUrl } from './createHttpTestApp';

let database: Database;
let app: ReturnType<typeof createHttpTestApp>['app'];

beforeAll(async () => {
  database = await createTestDatabase();
  app = createHttpTestApp(database).app;
});
afterAll(async () => {
  await database?.close();
});

type Form = Record<string, string> & { MessageSid: string };

function inbound(overrides: Record<string, string> = {}): Form {
  return {
    MessageSid: newMessageSid(),
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    From: 'whatsapp:+573001112233',
    To: 'whatsapp:+14155238886',
    Body: 'Hola, quiero pagar',
    NumMedia: '0',
    ...overrides,
  };
}

function post(path: string, params: Record<string, string>, signature = signTwilioWebhook(authToken, `${publicBaseUrl}${path}`, params)) {
  return request(app).post(path).type('form').set('X-Twilio-Signature', signature).send(params);
}

async function inboxRows(providerMessageId: string) {
  return database.db.selectFrom('inbox').selectAll().where('providerMessageId', '=', providerMessageId).execute();
}

describe('POST /webhooks/twilio', () => {
  it('stores a signed WhatsApp message and answers empty TwiML', async () => {
    const params = inbound();
    const res = await post('/webhooks/twilio', params);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/xml/);
    expect(res.text).toContain('<Response></Response>');
    const rows = await inboxRows(params.MessageSid);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'whatsapp', fromAddress: '+573001112233', toAddress: '+14155238886', body: 'Hola, quiero pagar', status: 'pending' });
  });

  it('maps a number without the whatsapp: prefix to the sms channel', async () => {
    const params = inbound({ From: '+525512345678', To: '+15005550006', Body: 'saldo' });
    expect((await post('/webhooks/twilio', params)).status).toBe(200);
    const rows = await inboxRows(params.MessageSid);
    expect(rows[0]).toMatchObject({ channel: 'sms', fromAddress: '+525512345678' });
  });

  it('rejects a bad signature with 403 and stores nothing', async () => {
    const params = inbound();
    const forged = signTwilioWebhook('ffffffffffffffffffffffffffffffff', `${publicBaseUrl}/webhooks/twilio`, params);
    const res = await post('/webhooks/twilio', params, forged);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('WEBHOOK.BAD_SIGNATURE');
    expect(await inboxRows(params.MessageSid)).toHaveLength(0);
  });

  it('rejects a missing signature with 403', async () => {
    const params = inbound();
    const res = await request(app).post('/webhooks/twilio').type('form').send(params);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Missing X-Twilio-Signature/);
  });

  it('rejects a signature made for another URL (the host this process sees is not what Twilio signed)', async () => {
    const params = inbound();
    const local = signTwilioWebhook(authToken, 'http://127.0.0.1:3000/webhooks/twilio', params);
    expect((await post('/webhooks/twilio', params, local)).status).toBe(403);
  });

  it('rejects a body changed after signing with 403', async () => {
    const params = inbound();
    const signature = signTwilioWebhook(authToken, `${publicBaseUrl}/webhooks/twilio`, params);
    const res = await post('/webhooks/twilio', { ...params, Body: 'otra cosa' }, signature);
    expect(res.status).toBe(403);
  });

  it('answers 400 naming the missing field for a signed but malformed message', async () => {
    const { From: _from, ...withoutFrom } = inbound();
    const res = await post('/webhooks/twilio', withoutFrom);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('WEBHOOK.INVALID_PAYLOAD');
    expect(res.body.error.message).toMatch(/From/);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'From' })]);
  });

  it('answers 400 for an invalid MessageSid', async () => {
    const res = await post('/webhooks/twilio', inbound({ MessageSid: 'not-a-sid' }));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/MessageSid/);
  });

  it('answers 413 for an oversized body before looking at the signature', async () => {
    const params = inbound({ Body: 'x'.repeat(70 * 1024) });
    const res = await post('/webhooks/twilio', params);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('HTTP.PAYLOAD_TOO_LARGE');
    expect(await inboxRows(params.MessageSid)).toHaveLength(0);
  });

  it('answers 200 to a redelivered MessageSid and keeps one row', async () => {
    const params = inbound();
    const first = await post('/webhooks/twilio', params);
    const second = await post('/webhooks/twilio', params);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.text).toContain('<Response></Response>');
    expect(await inboxRows(params.MessageSid)).toHaveLength(1);
  });

  it('checks the signature against PUBLIC_BASE_URL plus the original path and query', async () => {
    const params = inbound();
    const path = '/webhooks/twilio?tenant=demo';
    expect((await post(path, params)).status).toBe(200);
  });
});

describe('POST /webhooks/twilio/status', () => {
  let nextNumber = 1000;
  async function sentOutboxRow(): Promise<string> {
    const address = `+1555000${(nextNumber += 1)}`;
    const conversation = await database.db
      .insertInto('conversations')
      .values({ channel: 'sms', address, status: 'active', debtorId: null, flowId: null, flowVersion: null, state: null, session: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sid = newMessageSid();
    await database.db
      .insertInto('outbox')
      .values({ conversationId: conversation.id, channel: 'sms', toAddress: address, body: 'hola', template: null, status: 'sent', providerMessageId: sid, messageId: null, inboxId: null, providerStatus: 'queued', errorCode: null })
      .execute();
    return sid;
  }

  async function outboxRow(sid: string) {
    return database.db.selectFrom('outbox').selectAll().where('providerMessageId', '=', sid).executeTakeFirstOrThrow();
  }

  it('marks the outbox row delivered when Twilio reports delivered', async () => {
    const sid = await sentOutboxRow();
    const res = await post('/webhooks/twilio/status', { MessageSid: sid, MessageStatus: 'delivered', AccountSid: 'AC0123456789abcdef0123456789abcdef' });
    expect(res.status).toBe(204);
    expect((await outboxRow(sid)).status).toBe('delivered');
  });

  it('marks the outbox row failed with the Twilio error code when undelivered', async () => {
    const sid = await sentOutboxRow();
    const res = await post('/webhooks/twilio/status', { MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30003' });
    expect(res.status).toBe(204);
    const row = await outboxRow(sid);
    expect(row.status).toBe('failed');
    expect(row.errorCode).toBe('TWILIO.30003');
  });

  it('rejects an unsigned status callback with 403', async () => {
    const res = await request(app).post('/webhooks/twilio/status').type('form').send({ MessageSid: newMessageSid(), MessageStatus: 'delivered' });
    expect(res.status).toBe(403);
  });

  it('answers 400 naming MessageStatus when it is missing', async () => {
    const res = await post('/webhooks/twilio/status', { MessageSid: newMessageSid() });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/MessageStatus/);
  });
});
