import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { upsertDebtor } from '../../../src/adapters/db/repositories/upsertDebtor';
import { createTestDatabase } from '../../helpers/testDatabase';
import { createHttpTestApp, tokens } from './createHttpTestApp';

let database: Database;
let app: ReturnType<typeof createHttpTestApp>['app'];
let conversationId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createHttpTestApp(database).app;
  const { debtorId } = await upsertDebtor(database.db, {
    externalId: 'ext-42',
    firstName: 'Ana',
    locale: 'es-CO',
    timezone: 'America/Bogota',
    country: 'CO',
    contactPoints: [{ channel: 'whatsapp', address: '+573009998877' }],
    profile: { debtor: { documentLast4: '4321' } },
  });
  const conversation = await database.db
    .insertInto('conversations')
    .values({ debtorId, channel: 'whatsapp', address: '+573009998877', status: 'active', flowId: 'collections-es', flowVersion: 'v1', state: 'menu', session: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  conversationId = conversation.id;
  await database.db
    .insertInto('messages')
    .values([
      { conversationId, direction: 'in', body: 'hola', template: null, inboxId: null, outboxId: null, providerMessageId: null, status: 'received' },
      { conversationId, direction: 'out', body: 'Hola Ana', template: 'greeting', inboxId: null, outboxId: null, providerMessageId: null, status: 'sent' },
    ])
    .execute();
});
afterAll(async () => {
  await database?.close();
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('REST API auth', () => {
  it('answers 401 without a token', async () => {
    const res = await request(app).get('/api/conversations');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH.MISSING_TOKEN');
    expect(res.headers['www-authenticate']).toMatch(/Bearer/);
  });

  it('answers 401 with an unknown token', async () => {
    const res = await request(app).get('/api/conversations').set(bearer('not-a-real-token-at-all'));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH.INVALID_TOKEN');
  });

  it('answers 403 when the role may not read conversations', async () => {
    const res = await request(app).get('/api/conversations').set(bearer(tokens.service));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
  });
});

describe('GET /api/conversations', () => {
  it('lists conversations for a viewer, filtered by debtor external id and channel', async () => {
    const res = await request(app).get('/api/conversations?debtor=ext-42&channel=whatsapp').set(bearer(tokens.viewer));
    expect(res.status).toBe(200);
    expect(res.body.conversations).toHaveLength(1);
    expect(res.body.conversations[0]).toMatchObject({ id: conversationId, channel: 'whatsapp', state: 'menu' });
    const other = await request(app).get('/api/conversations?debtor=ext-42&channel=sms').set(bearer(tokens.viewer));
    expect(other.body.conversations).toHaveLength(0);
  });

  it('answers 400 naming the bad filter', async () => {
    const res = await request(app).get('/api/conversations?limit=5000').set(bearer(tokens.admin));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('API.INVALID_QUERY');
    expect(res.body.error.message).toMatch(/limit/);
  });

  it('pages with limit and nextCursor', async () => {
    const res = await request(app).get('/api/conversations?limit=1').set(bearer(tokens.admin));
    expect(res.body.conversations).toHaveLength(1);
    expect(typeof res.body.nextCursor).toBe('string');
    const next = await request(app).get(`/api/conversations?limit=1&before=${encodeURIComponent(res.body.nextCursor)}`).set(bearer(tokens.admin));
    expect(next.status).toBe(200);
    expect(next.body.conversations).toHaveLength(0);
  });
});

describe('GET /api/conversations/:id and /api/debtors/:externalId', () => {
  it('returns a conversation with its messages in order', async () => {
    const res = await request(app).get(`/api/conversations/${conversationId}`).set(bearer(tokens.admin));
    expect(res.status).toBe(200);
    expect(res.body.conversation.messages.map((m: { body: string }) => m.body)).toEqual(['hola', 'Hola Ana']);
  });

  it('answers 404 with a stable code for an unknown conversation', async () => {
    const res = await request(app).get('/api/conversations/00000000-0000-4000-8000-000000000000').set(bearer(tokens.admin));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('CONVERSATION.NOT_FOUND');
  });

  it('returns a debtor with contact points, accounts and conversations, and 404 for an unknown one', async () => {
    const res = await request(app).get('/api/debtors/ext-42').set(bearer(tokens.viewer));
    expect(res.status).toBe(200);
    expect(res.body.debtor).toMatchObject({ externalId: 'ext-42', firstName: 'Ana', accounts: [] });
    expect(res.body.debtor.contactPoints).toEqual([expect.objectContaining({ channel: 'whatsapp', address: '+573009998877' })]);
    expect(res.body.debtor.conversations).toEqual([expect.objectContaining({ id: conversationId, state: 'menu' })]);
    // The stored profile (and any verification factor in it) never leaves through the API.
    expect(res.body.debtor.profile).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain('4321');
    const missing = await request(app).get('/api/debtors/nobody').set(bearer(tokens.viewer));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('DEBTOR.NOT_FOUND');
  });
});

describe('health, readiness and metrics', () => {
  it('healthz answers while the process is alive', async () => {
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('readyz answers 200 on a migrated, reachable database', async () => {
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ready', pendingMigrations: [] });
  });

  it('metrics exposes the pipeline metrics and the HTTP request histogram by route pattern', async () => {
    await request(app).get('/api/conversations').set(bearer(tokens.admin));
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toContain('messages_in_total');
    expect(res.text).toContain('outbox_backlog');
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/conversations",status="200"\} \d+/);
  });

  it('unknown routes get a JSON 404', async () => {
    const res = await request(app).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('HTTP.NOT_FOUND');
  });
});
