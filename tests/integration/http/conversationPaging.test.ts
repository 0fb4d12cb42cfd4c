import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { upsertDebtor } from '../../../src/adapters/db/repositories/upsertDebtor';
import { createTestDatabase } from '../../helpers/testDatabase';
import { createHttpTestApp, tokens } from './createHttpTestApp';

let database: Database;
let app: ReturnType<typeof createHttpTestApp>['app'];
const bearer = { Authorization: `Bearer ${tokens.admin}` };
const TOTAL = 125;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createHttpTestApp(database).app;
  const { debtorId } = await upsertDebtor(database.db, { externalId: 'PAGE-1', firstName: 'Ana', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO' });
  // Three statements, so many rows share one updated_at (as a worker transaction writes them) and a few differ.
  for (const size of [60, 40, 25]) {
    const start = await database.db.selectFrom('conversations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await database.db
      .insertInto('conversations')
      .values(Array.from({ length: size }, (_, i) => ({ debtorId, channel: 'sms' as const, address: `+5730000${String(Number(start.n) + i).padStart(5, '0')}`, status: 'active' as const })))
      .execute();
  }
});
afterAll(async () => {
  await database?.close();
});

async function readAll(limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < TOTAL + 2; page++) {
    const query: string = `/api/conversations?limit=${limit}${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`;
    const res = await request(app).get(query).set(bearer);
    expect(res.status).toBe(200);
    ids.push(...res.body.conversations.map((c: { id: string }) => c.id));
    cursor = res.body.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('paging never ended');
}

describe('GET /api/conversations keyset paging', () => {
  it.each([1, 7, 20, 50, 100])('returns every conversation exactly once with limit=%i, though many share updatedAt', async (limit) => {
    const ids = await readAll(limit);
    expect(ids).toHaveLength(TOTAL);
    expect(new Set(ids).size).toBe(TOTAL);
  });

  it('refuses a cursor it did not issue, naming the field', async () => {
    const res = await request(app).get('/api/conversations?before=2026-01-01T00:00:00Z').set(bearer);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('API.INVALID_QUERY');
    expect(res.body.error.details).toEqual([{ field: 'before', message: 'unknown cursor' }]);
  });

  it('refuses unknown filters instead of ignoring them (debtor[$ne]=x once listed everything)', async () => {
    const res = await request(app).get('/api/conversations?debtor[$ne]=x').set(bearer);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('API.INVALID_QUERY');
    expect(res.body.error.message).toMatch(/debtor\[\$ne\]/);
  });
});
