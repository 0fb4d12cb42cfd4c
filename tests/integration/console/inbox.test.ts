import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import type { DB } from '../../../src/adapters/db/schema';
import { inboxQuerySchema } from '../../../src/console/inbox/inboxFilters';
import { countInboxTabs, listInbox } from '../../../src/console/inbox/listInbox';
import { searchMessages, searchStatement } from '../../../src/console/inbox/searchMessages';
import { createTestDatabase } from '../../helpers/testDatabase';

let database: Database;
const ids: Record<string, string> = {};

async function seed(db: Kysely<DB>): Promise<void> {
  const user = await db.insertInto('consoleUsers').values({ email: 'ana@example.com', name: 'Ana', role: 'supervisor', passwordHash: 'x' }).returning('id').executeTakeFirstOrThrow();
  const debtor = async (key: string, country: string, creditor: string) => {
    const d = await db.insertInto('debtors').values({ externalId: key, firstName: key, locale: 'es-CO', timezone: 'America/Bogota', country, profile: '{}' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('accounts').values({ debtorId: d.id, externalId: `ACC-${key}`, creditor, product: 'card', currency: 'COP', balanceMinor: 1, dueDate: '2026-08-01' }).execute();
    return d.id;
  };
  const conversation = async (key: string, debtorId: string, o: { channel: 'whatsapp' | 'sms'; status: 'active' | 'ended'; handoff?: boolean; taken?: boolean; at: string; flowVersion?: string }) => {
    const row = await db
      .insertInto('conversations')
      .values({ debtorId, channel: o.channel, address: `+57${key.length}${Object.keys(ids).length}`, status: o.status, handoff: o.handoff ?? false, flowId: 'collections-es', flowVersion: o.flowVersion ?? 'v1', createdAt: o.at, updatedAt: o.at })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (o.taken) await db.updateTable('conversations').set({ takenBy: user.id, takenAt: o.at }).where('id', '=', row.id).execute();
    ids[key] = row.id;
    return row.id;
  };
  const say = (conversationId: string, direction: 'in' | 'out', body: string, at: string) => db.insertInto('messages').values({ conversationId, direction, body, status: 'sent', createdAt: at }).execute();
  const co = await debtor('Camila', 'CO', 'Banco Andino');
  const mx = await debtor('Mateo', 'MX', 'Financiera Sol');
  const us = await debtor('Sam', 'US', 'Lakeside');
  // Waiting: oldest first by the moment the bot handed off (the trigger takes it from updated_at).
  const w1 = await conversation('waitLate', co, { channel: 'whatsapp', status: 'active', handoff: true, at: '2026-11-10T10:30:00Z' });
  const w2 = await conversation('waitEarly', mx, { channel: 'sms', status: 'active', handoff: true, at: '2026-11-10T10:00:00Z' });
  await conversation('withAna', us, { channel: 'whatsapp', status: 'active', handoff: true, taken: true, at: '2026-11-10T09:00:00Z' });
  for (let i = 0; i < 5; i += 1) await conversation(`bot${i}`, i % 2 ? co : mx, { channel: i % 2 ? 'whatsapp' : 'sms', status: 'active', at: `2026-11-1${i}T08:00:00.12345${i}Z`, flowVersion: i < 2 ? 'v1' : 'v2' });
  await conversation('ended', us, { channel: 'sms', status: 'ended', at: '2026-11-01T08:00:00Z' });
  await say(w1, 'in', 'Quiero hablar con una persona, por favor', '2026-11-10T10:29:00Z');
  await say(w2, 'in', 'I want to talk to a person about my payments', '2026-11-10T09:59:00Z');
  await say(ids.bot0 ?? '', 'in', 'Puedo pagar el viernes', '2026-11-10T08:00:00Z');
  await say(ids.bot1 ?? '', 'out', 'Tu saldo pendiente es de $ 1.250.000', '2026-11-11T08:00:00Z');
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db);
}, 60_000);

afterAll(async () => {
  await database?.close();
});

const query = (q: Record<string, string>) => inboxQuerySchema.parse(q);

describe('console inbox', () => {
  it('puts conversations in tabs, waiting ones oldest first, and counts each tab', async () => {
    const db = database.db;
    expect((await listInbox(db, query({ tab: 'waiting' }))).rows.map((r) => r.id)).toEqual([ids.waitEarly, ids.waitLate]);
    const withPerson = await listInbox(db, query({ tab: 'person' }));
    expect(withPerson.rows.map((r) => [r.id, r.takenByName])).toEqual([[ids.withAna, 'Ana']]);
    expect(await countInboxTabs(db, query({}))).toEqual({ waiting: 2, person: 1, bot: 5, ended: 1 });
    const waiting = await listInbox(db, query({ tab: 'waiting' }));
    expect(waiting.rows[0]?.handoffAt?.toISOString()).toBe('2026-11-10T10:00:00.000Z');
    expect(waiting.rows[1]?.lastBody).toBe('Quiero hablar con una persona, por favor');
  });

  it('filters by channel, country, creditor, flow version and date', async () => {
    const db = database.db;
    expect(await countInboxTabs(db, query({ channel: 'sms' }))).toEqual({ waiting: 1, person: 0, bot: 3, ended: 1 });
    expect(await countInboxTabs(db, query({ country: 'CO' }))).toEqual({ waiting: 1, person: 0, bot: 2, ended: 0 });
    expect(await countInboxTabs(db, query({ creditor: 'Financiera Sol' }))).toEqual({ waiting: 1, person: 0, bot: 3, ended: 0 });
    expect(await countInboxTabs(db, query({ version: 'v2' }))).toEqual({ waiting: 0, person: 0, bot: 3, ended: 0 });
    expect((await listInbox(db, query({ tab: 'bot', from: '2026-11-12', to: '2026-11-13' }))).rows.map((r) => r.id)).toEqual([ids.bot3, ids.bot2]);
    expect(inboxQuerySchema.safeParse({ country: 'Colombia' }).success).toBe(false);
  });

  it('pages with a keyset cursor that keeps microseconds, never repeating or skipping a row', async () => {
    const db = database.db;
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const result = await listInbox(db, query({ tab: 'bot', ...(after ? { after } : {}) }), 2);
      seen.push(...result.rows.map((r) => r.id));
      after = result.next;
      if (!after) break;
    }
    expect(seen).toEqual([ids.bot4, ids.bot3, ids.bot2, ids.bot1, ids.bot0]);
  });

  it('searches messages in Spanish and English (stemmed), newest first, with the filters', async () => {
    const db = database.db;
    const search = async (q: string, extra: Record<string, string> = {}) => (await searchMessages(db, { ...query({ q, ...extra }), q })).rows.map((r) => r.conversationId);
    // Both configurations stem both texts, so 'persona' and 'person' find each other.
    expect(await search('persona')).toEqual([ids.waitLate, ids.waitEarly]);
    expect(await search('personas')).toEqual([ids.waitLate, ids.waitEarly]);
    expect(await search('talk')).toEqual([ids.waitEarly]);
    expect(await search('payment')).toEqual([ids.waitEarly]);
    expect(await search('pagar viernes')).toEqual([ids.bot0]);
    expect(await search('saldo')).toEqual([ids.bot1]);
    expect(await search('persona', { country: 'MX' })).toEqual([ids.waitEarly]);
    expect(await search('persona', { channel: 'whatsapp' })).toEqual([ids.waitLate]);
    expect(await search('"hablar con" -favor')).toEqual([]);
  });

  it('finds the same hits, in the same order and pages, whether the newest messages fill the page or the older ones are needed', async () => {
    const db = database.db;
    const cases: Array<[string, Record<string, string>]> = [['persona', {}], ['persona', { country: 'MX' }], ['saldo', {}], ['pagar viernes', { channel: 'sms' }], ['person', {}]];
    for (const [q, extra] of cases) {
      const whole = (await searchMessages(db, { ...query({ q, ...extra }), q })).rows.map((r) => r.id);
      expect(whole.length).toBeGreaterThan(0);
      for (const recentWindow of [1, 2, 3, 1000]) {
        expect((await searchMessages(db, { ...query({ q, ...extra }), q }, { recentWindow })).rows.map((r) => r.id)).toEqual(whole);
        // One hit a page: the cursor carries the search across both looks without repeating or skipping a hit.
        const paged: string[] = [];
        let after: string | undefined;
        for (let i = 0; i < 10; i += 1) {
          const page = await searchMessages(db, { ...query({ q, ...extra, ...(after ? { after } : {}) }), q }, { recentWindow, limit: 1 });
          paged.push(...page.rows.map((r) => r.id));
          after = page.next;
          if (!after) break;
        }
        expect(paged).toEqual(whole);
      }
    }
  });

  it('searches a vector stored with each message (never parsing bodies at query time) that follows an edited body', async () => {
    const db = database.db;
    for (const part of ['recent', 'older'] as const) {
      const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (VERBOSE) ${searchStatement({ ...query({ q: 'persona', country: 'MX' }), q: 'persona' }, { part, limit: 26, recentWindow: 10 })}`.execute(db);
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/search_vector @@/);
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).not.toMatch(/to_tsvector/);
    }
    const { rows: [probe] } = await sql<{ id: string }>`SELECT id FROM messages WHERE body = 'Puedo pagar el viernes'`.execute(db);
    // A reworded reply replaces its message's body (rewordOutboxRow): the stored vector follows it.
    await db.updateTable('messages').set({ body: 'Puedo pagar el lunes' }).where('id', '=', probe?.id ?? '').execute();
    const found = async (q: string) => (await searchMessages(db, { ...query({ q }), q })).rows.map((r) => r.id);
    expect(await found('lunes')).toEqual([probe?.id]);
    expect(await found('viernes')).toEqual([]);
    await db.updateTable('messages').set({ body: 'Puedo pagar el viernes' }).where('id', '=', probe?.id ?? '').execute();
  });
});
