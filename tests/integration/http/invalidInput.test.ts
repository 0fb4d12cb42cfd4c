import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { upsertDebtor } from '../../../src/adapters/db/repositories/upsertDebtor';
import { createCollectionsRouter } from '../../../src/http/collections/createCollectionsRouter';
import { createApp } from '../../../src/http/createApp';
import { createMetrics } from '../../../src/observability/createMetrics';
import { createSystemClock } from '../../../src/ports/clock';
import { pino } from 'pino';
import { newMessageSid, signTwilioWebhook } from '../../fakes/signTwilioWebhook';
import { createTestDatabase } from '../../helpers/testDatabase';
import { portfolioCsv } from '../collections/support';
import { authToken, publicBaseUrl, tokens } from './createHttpTestApp';

/**
 * Bad input at every door: NUL bytes and other invalid characters (webhook Body, path ids, query filters, CSV fields,
 * simulator text, JSON fields) and webhook addresses that are not ours or not phones. Each is stripped (the webhook
 * Body: an acknowledged message is never lost) or refused with 400/422 naming the field; none is a 500.
 */
let database: Database;
let app: ReturnType<typeof createApp>;
const NUL = '\u0000';

beforeAll(async () => {
  database = await createTestDatabase();
  const apiTokens = [{ token: tokens.admin, role: 'admin' as const }, { token: tokens.viewer, role: 'viewer' as const }];
  const clock = createSystemClock();
  app = createApp({
    db: database.db, logger: pino({ level: 'silent' }), metrics: createMetrics(), clock, apiTokens, simulator: true,
    twilio: { authToken, publicBaseUrl, senders: { sms: '+15005550006', whatsapp: 'whatsapp:+14155238886' } },
    mounts: [{ path: '/api', router: createCollectionsRouter({ db: database.db, clock, apiTokens }) }],
  });
  await upsertDebtor(database.db, {
    externalId: 'demo-co-1', firstName: 'Ana', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO', profile: {},
    contactPoints: [{ channel: 'whatsapp', address: '+573009990001' }],
  });
});
afterAll(async () => {
  await database?.close();
});

function webhook(overrides: Record<string, string | undefined>) {
  const params: Record<string, string> = {};
  const form = { MessageSid: newMessageSid(), AccountSid: 'AC0123456789abcdef0123456789abcdef', From: 'whatsapp:+573001112233', To: 'whatsapp:+14155238886', Body: 'hola', NumMedia: '0', ...overrides };
  for (const [key, value] of Object.entries(form)) if (value !== undefined) params[key] = value;
  const signature = signTwilioWebhook(authToken, `${publicBaseUrl}/webhooks/twilio`, params);
  return { sid: params.MessageSid ?? '', res: request(app).post('/webhooks/twilio').type('form').set('X-Twilio-Signature', signature).send(params) };
}
const inboxOf = (sid: string) => database.db.selectFrom('inbox').selectAll().where('providerMessageId', '=', sid).execute();
const get = (path: string) => request(app).get(path).set('authorization', `Bearer ${tokens.viewer}`);

describe('the Twilio webhook', () => {
  it('stores a Body with a NUL byte without it (the message is acknowledged and kept)', async () => {
    const { sid, res } = webhook({ Body: `ho${NUL}la\u0007 ${'\ud800'}` });
    expect((await res).status).toBe(200);
    expect((await inboxOf(sid))[0]?.body).toBe('hola \ufffd');
  });

  it('refuses a From that is not a phone number with 400 naming From', async () => {
    const { sid, res } = webhook({ From: 'whatsapp:ABCDEF' });
    const answer = await res;
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([{ field: 'From', message: expect.stringMatching(/phone number/) }]);
    expect(await inboxOf(sid)).toHaveLength(0);
    expect((await webhook({ From: 'ABCDEF', To: '+15005550006' }).res).status).toBe(400);
  });

  it('refuses a To that is not one of our senders with 400 WEBHOOK.UNKNOWN_RECIPIENT, stores nothing and answers nothing', async () => {
    const { sid, res } = webhook({ To: 'whatsapp:+14155230000' });
    const answer = await res;
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'WEBHOOK.UNKNOWN_RECIPIENT', details: [{ field: 'To' }] });
    expect(await inboxOf(sid)).toHaveLength(0);
    expect((await webhook({ From: '+573001112233', To: '+15005550007' }).res).body.error.code).toBe('WEBHOOK.UNKNOWN_RECIPIENT');
  });

  it('stores a WhatsApp media-only message (NumMedia > 0, no Body) as a message', async () => {
    const { sid, res } = webhook({ Body: undefined, NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/1', MediaContentType0: 'image/jpeg' });
    expect((await res).status).toBe(200);
    expect((await inboxOf(sid))[0]).toMatchObject({ body: '', payload: { numMedia: 1 } });
    const missing = await webhook({ Body: undefined, NumMedia: '0' }).res;
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe('Body');
  });
});

describe('the API, the simulator and the imports', () => {
  it('answers 400 naming the path segment or the query parameter that holds a NUL byte', async () => {
    const path = await get('/api/debtors/ext%00');
    expect(path.status).toBe(400);
    expect(path.body.error.code).toBe('HTTP.INVALID_TEXT');
    expect(path.body.error.message).toMatch(/^path segment 3 /);
    expect((await get('/api/conversations/%00')).status).toBe(400);
    const query = await get('/api/conversations?debtor=x%00');
    expect(query.status).toBe(400);
    expect(query.body.error.details).toEqual([{ field: 'query parameter debtor', message: expect.any(String) }]);
  });

  it('answers 400 naming the JSON field that holds a NUL byte (simulator text, payments)', async () => {
    const text = await request(app).post('/simulator/api/messages').send({ session: `sim-${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`, text: `hola${NUL}` });
    expect(text.status).toBe(400);
    expect(text.body.error.details).toEqual([{ field: 'text', message: expect.any(String) }]);
    const payment = await request(app).post('/api/payments').set('authorization', `Bearer ${tokens.admin}`)
      .send({ external_payment_id: `P${NUL}1`, account_id: 'A-1', amount: 100, currency: 'COP', paid_at: '2026-11-20T10:00:00Z' });
    expect(payment.status).toBe(400);
    expect(payment.body.error.details[0].field).toBe('external_payment_id');
  });

  it('refuses a CSV field with a NUL byte with 422 naming its line and column', async () => {
    const csv = portfolioCsv({ external_id: 'NUL-1', account_id: 'NUL-A-1', first_name: `An${NUL}a` });
    const res = await request(app).post('/api/portfolio/import').set('authorization', `Bearer ${tokens.admin}`).type('text/csv').send(csv);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ line: 2, column: 'first_name', message: expect.stringMatching(/invalid character/) })]);
    expect(await database.db.selectFrom('debtors').select('id').where('externalId', '=', 'NUL-1').execute()).toHaveLength(0);
  });
});
