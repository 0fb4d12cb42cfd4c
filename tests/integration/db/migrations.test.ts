import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { getMigrationStatus } from '../../../src/adapters/db/getMigrationStatus';
import { createMigrator } from '../../../src/adapters/db/createMigrator';
import { migrateToLatest } from '../../../src/adapters/db/migrateToLatest';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
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

  it('keeps audit events of a conversation that is deleted (the trail is history, not a child row)', async () => {
    const debtor = await database.db
      .insertInto('debtors')
      .values({ externalId: 'D-audit', firstName: 'Luis', locale: 'es-MX', timezone: 'America/Mexico_City', country: 'MX', profile: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const conversation = await database.db
      .insertInto('conversations')
      .values({ debtorId: debtor.id, channel: 'sms', address: '+525511112222', status: 'active' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db.insertInto('auditEvents').values({ actor: 'bot', conversationId: conversation.id, debtorId: debtor.id, code: 'FLOW.TRANSITION', data: '{}' }).execute();
    await database.db.deleteFrom('debtors').where('id', '=', debtor.id).execute();
    const kept = await database.db.selectFrom('auditEvents').select(['code', 'conversationId', 'debtorId']).where('debtorId', '=', debtor.id).execute();
    expect(kept).toEqual([{ code: 'FLOW.TRANSITION', conversationId: conversation.id, debtorId: debtor.id }]);
    expect(await database.db.selectFrom('conversations').select('id').where('id', '=', conversation.id).execute()).toEqual([]);
  });

  it('migrates the lean message writes down and up again', async () => {
    const constraints = async () =>
      (
        await sql<{ name: string }>`
          SELECT conname AS name FROM pg_constraint
          WHERE conname IN ('audit_events_conversation_id_fkey', 'audit_events_debtor_id_fkey', 'messages_position_key', 'outbox_position_key')
          ORDER BY conname`.execute(database.db)
      ).rows.map((r) => r.name);
    expect(await constraints()).toEqual([]);
    await database.db.deleteFrom('auditEvents').execute();
    const migrator = createMigrator(database.db);
    const down = (await migrator.migrateTo('0500_hot_path_indexes')).results ?? [];
    expect(down.map((r) => r.status).every((s) => s === 'Success')).toBe(true);
    expect(down.map((r) => r.migrationName)).toContain('0600_lean_message_writes');
    expect(await constraints()).toEqual(['audit_events_conversation_id_fkey', 'audit_events_debtor_id_fkey', 'messages_position_key', 'outbox_position_key']);
    expect((await migrateToLatest(database.db)).applied).toContain('0600_lean_message_writes');
    expect(await constraints()).toEqual([]);
  });
});

describe(`migration 0650 (address opt-outs) on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('carries every opt-out recorded on a contact point over to the address, and nothing else', async () => {
    const database = await createTestDatabase();
    try {
      const migrator = createMigrator(database.db);
      await migrator.migrateTo('0600_lean_message_writes');
      const debtor = await database.db
        .insertInto('debtors')
        .values({ externalId: 'D-OPT', firstName: 'Lucía', locale: 'es-ES', timezone: 'Europe/Madrid', country: 'ES', profile: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const at = new Date('2026-11-30T10:00:00Z');
      await database.db
        .insertInto('contactPoints')
        .values([
          { debtorId: debtor.id, channel: 'sms', address: '+34612345605', consent: false, consentUpdatedAt: at },
          { debtorId: debtor.id, channel: 'whatsapp', address: '+34612345605', consent: true },
        ])
        .execute();
      expect((await migrateToLatest(database.db)).applied).toContain('0650_contact_statuses');
      const rows = await database.db.selectFrom('addressOptOuts').select(['channel', 'address', 'optedOutAt', 'source']).execute();
      expect(rows).toEqual([{ channel: 'sms', address: '+34612345605', optedOutAt: at, source: 'migrated' }]);
    } finally {
      await database.close();
    }
  });
});
