import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { getMigrationStatus } from '../../../src/adapters/db/getMigrationStatus';
import { migrateToLatest } from '../../../src/adapters/db/migrateToLatest';
import { enqueueInbound } from '../../../src/pipeline/enqueueInbound';
import { createTestDatabase } from '../../helpers/testDatabase';

describe(`migrations on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('applies every migration once and reports nothing pending', async () => {
    expect(await getMigrationStatus(database.db)).toEqual({ pending: [] });
    expect(await migrateToLatest(database.db)).toEqual({ applied: [] });
    const tables = await sql<{ tableName: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(database.db);
    expect(tables.rows.map((r) => r.tableName)).toEqual(
      expect.arrayContaining(['audit_events', 'contact_points', 'conversations', 'debtors', 'inbox', 'messages', 'outbox', 'scheduled_timers']),
    );
  });

  it('generates uuid ids with gen_random_uuid() and keeps jsonb keys as written', async () => {
    const debtor = await database.db
      .insertInto('debtors')
      .values({ externalId: 'D-1', firstName: 'Ana', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO', profile: JSON.stringify({ document_last4: '1234' }) })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(debtor.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(debtor.profile).toEqual({ document_last4: '1234' });
    expect(debtor.createdAt).toBeInstanceOf(Date);
  });

  it('stores an inbound message once per (channel, provider id)', async () => {
    const msg = { channel: 'sms' as const, providerMessageId: 'SM1', from: '+573001112233', body: 'hola', receivedAt: new Date('2026-01-01T10:00:00Z') };
    const first = await enqueueInbound(database.db, msg);
    const second = await enqueueInbound(database.db, msg);
    const other = await enqueueInbound(database.db, { ...msg, channel: 'whatsapp' });
    expect(first.inserted).toBe(true);
    expect(second).toEqual({ inserted: false, inboxId: first.inboxId });
    expect(other.inserted).toBe(true);
    const rows = await database.db.selectFrom('inbox').select(['status', 'attempts']).execute();
    expect(rows).toEqual([
      { status: 'pending', attempts: 0 },
      { status: 'pending', attempts: 0 },
    ]);
  });
});
