import { pino } from 'pino';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import type { OutreachGate } from '../../../src/core/outreach/outreachGate';
import { allowAllGate } from '../../../src/core/outreach/outreachGate';
import { lockDueAccounts } from '../../../src/outreach/lockDueAccounts';
import { runOutreachSweep } from '../../../src/outreach/runOutreachSweep';
import { createTestDatabase, hasRealPostgres } from '../../helpers/testDatabase';
import { shippedCadences } from '../../unit/outreach/support';

const header = 'external_id,first_name,last_name,phone,email,country,locale,timezone,document_last4,birth_date,account_id,creditor,product,currency,balance,due_date,segment,consent_whatsapp,consent_sms';
const row = (n: number, due: string, extra: { creditor?: string; consentWa?: boolean; account?: string } = {}) =>
  `co-${n},María,Ruiz,+57 300 123 45${String(n).padStart(2, '0')},,CO,es-CO,America/Bogota,1234,1988-04-12,${extra.account ?? `ACC-${n}`},${extra.creditor ?? 'Banco Andino'},Tarjeta de crédito,COP,1050000.00,${due},,${extra.consentWa ?? true},true`;
const cadences = shippedCadences();
const logger = pino({ level: 'silent' });
let database: Database;
const deps = (gate: OutreachGate = allowAllGate) => ({ db: database.db, cadences, gate, logger });
const at = (local: string) => new Date(`${local}:00-05:00`);

beforeAll(async () => {
  database = await createTestDatabase({ poolMax: 6 });
}, 60_000);
afterAll(async () => database?.close());

beforeEach(async () => {
  await sql`TRUNCATE debtors, outbox, outreach_sends, audit_events CASCADE`.execute(database.db);
  const csv = [header, row(1, '2026-11-20'), row(2, '2026-11-20', { consentWa: false }), row(3, '2026-11-23'), row(4, '2026-11-20', { creditor: 'Nadie S.A.' })].join('\n');
  const imported = await importPortfolio(database.db, csv, { now: at('2026-11-01T08:00') });
  expect(imported.ok).toBe(true);
});

async function outbox() {
  return database.db.selectFrom('outbox').innerJoin('conversations', 'conversations.id', 'outbox.conversationId')
    .select(['outbox.toAddress', 'outbox.channel', 'outbox.purpose', 'outbox.contentSid', 'outbox.template', 'conversations.status', 'conversations.debtorId'])
    .orderBy('outbox.toAddress').execute();
}

describe(`the outreach sweep on ${hasRealPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('writes the due steps as proactive outbox rows, once, and sleeps each account until its next step', async () => {
    const first = await runOutreachSweep(deps(), { now: at('2026-11-20T09:30'), batchSize: 2 });
    expect(first).toMatchObject({ accounts: 4, written: 3, batches: 2, actions: { send: 3, idle: 1 } });
    const rows = await outbox();
    expect(rows.map((r) => [r.toAddress, r.channel, r.purpose, r.contentSid !== null, r.template, r.status])).toEqual([
      ['+573001234501', 'whatsapp', 'proactive', true, 'outreach:default-es:recordatorio', 'ended'],
      ['+573001234502', 'sms', 'proactive', false, 'outreach:default-es:recordatorio', 'ended'],
      ['+573001234503', 'whatsapp', 'proactive', true, 'outreach:default-es:primer_contacto', 'ended'],
    ]);
    const again = await runOutreachSweep(deps(), { now: at('2026-11-20T15:00') });
    expect(again).toMatchObject({ accounts: 0, written: 0 });
    const next = await database.db.selectFrom('accounts').innerJoin('outreachSchedule', 'outreachSchedule.accountId', 'accounts.id').select(['externalId', sql<string>`next_at::text`.as('next')]).orderBy('externalId').execute();
    expect(next.map((n) => n.next === null ? null : new Date(n.next).toISOString())).toEqual([
      at('2026-11-23T09:00').toISOString(), at('2026-11-23T09:00').toISOString(), at('2026-11-23T09:00').toISOString(), null,
    ]);
    expect(await runOutreachSweep(deps(), { now: at('2026-11-23T09:00') })).toMatchObject({ accounts: 3, written: 3 });
    const sends = await database.db.selectFrom('outreachSends').select(['step', 'localDate']).orderBy('step').orderBy('localDate').execute();
    expect(sends.map((s) => `${s.step}@${s.localDate}`)).toEqual(['antes-3@2026-11-20', 'mas-3@2026-11-23', 'mas-3@2026-11-23', 'vence-hoy@2026-11-20', 'vence-hoy@2026-11-20', 'vence-hoy@2026-11-23']);
  });

  it('records why a due step was held, in the audit, and defers to the gate’s next allowed moment', async () => {
    const saturday = at('2026-11-21T08:00');
    const closed: OutreachGate = () => ({ allowed: false, reasons: ['COMPLIANCE.CO.HOURS'], nextAllowedAt: saturday });
    expect(await runOutreachSweep(deps(closed), { now: at('2026-11-20T20:30') })).toMatchObject({ written: 0, actions: { defer: 3, idle: 1 } });
    const audits = await database.db.selectFrom('auditEvents').select(['code', 'data']).where('actor', '=', 'outreach').execute();
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({ code: 'OUTREACH.DEFER', data: { reason: 'COMPLIANCE.CO.HOURS', nextAllowedAt: saturday.toISOString() } });
    expect(await runOutreachSweep(deps(), { now: at('2026-11-21T07:59') })).toMatchObject({ accounts: 0 });
    expect(await runOutreachSweep(deps(), { now: saturday })).toMatchObject({ accounts: 3, written: 3 });
  });

  it('moves an account’s next action at once on a dispute, a payment, an opt-out or a hand-off', async () => {
    await runOutreachSweep(deps(), { now: at('2026-11-20T09:30') });
    const account = await database.db.selectFrom('accounts').select(['id', 'debtorId']).where('externalId', '=', 'ACC-1').executeTakeFirstOrThrow();
    const due = () => database.db.transaction().execute((trx) => lockDueAccounts(trx, { now: at('2026-11-20T10:00'), limit: 10 }));
    expect(await due()).toEqual([]);
    await database.db.insertInto('disputes').values({ accountId: account.id }).execute();
    expect(await due()).toEqual([account.id]);
    await runOutreachSweep(deps(), { now: at('2026-11-20T10:00') });
    expect(await due()).toEqual([]);
    await database.db.insertInto('addressOptOuts').values({ channel: 'whatsapp', address: '+573001234501', optedOutAt: at('2026-11-20T10:00'), source: 'conversation', conversationId: null }).execute();
    expect(await due()).toEqual([account.id]);
    await runOutreachSweep(deps(), { now: at('2026-11-20T10:00') });
    await database.db.updateTable('conversations').set({ handoff: true }).where('debtorId', '=', account.debtorId).execute();
    expect(await due()).toEqual([account.id]);
  });

  it('writes to a debtor with three accounts once a day, whichever batches or sweeps hold the accounts', async () => {
    const three = [header, ...['ACC-5A', 'ACC-5B', 'ACC-5C'].map((account) => row(5, '2026-11-20', { account }))].join('\n');
    expect((await importPortfolio(database.db, three, { now: at('2026-11-01T08:00') })).ok).toBe(true);
    const toDebtor5 = async () => (await outbox()).filter((r) => r.toAddress === '+573001234505');
    // One account a batch, two batches in flight, and a second sweep at the same time (another worker).
    const now = at('2026-11-20T09:30');
    await Promise.all([runOutreachSweep(deps(), { now, batchSize: 1, concurrency: 2 }), runOutreachSweep(deps(), { now, batchSize: 1, concurrency: 2 })]);
    expect(await toDebtor5()).toHaveLength(1);
    const held = await database.db.selectFrom('auditEvents').select(['code', 'data']).where('actor', '=', 'outreach').where('code', '=', 'OUTREACH.DEFER').execute();
    expect(held.map((h) => (h.data as { reason: string }).reason)).toEqual(['OUTREACH.DAILY_LIMIT', 'OUTREACH.DAILY_LIMIT']);
    expect((held[0]?.data as { nextAllowedAt: string }).nextAllowedAt).toBe(at('2026-11-21T09:00').toISOString());
    // The next day the held steps are still valid: one of them goes, the other waits again.
    await runOutreachSweep(deps(), { now: at('2026-11-21T09:30'), batchSize: 1 });
    expect(await toDebtor5()).toHaveLength(2);
  });

  it('never writes a step twice: two sweeps at once', async () => {
    const now = at('2026-11-20T09:30');
    const results = await Promise.all([runOutreachSweep(deps(), { now, batchSize: 1 }), runOutreachSweep(deps(), { now, batchSize: 1 })]);
    expect(results.reduce((n, r) => n + r.accounts, 0)).toBe(4);
    expect(results.reduce((n, r) => n + r.written, 0)).toBe(3);
    await runOutreachSweep(deps(), { now: new Date(now.getTime() + 120_000) });
    expect(await database.db.selectFrom('outreachSends').select(['accountId']).execute()).toHaveLength(3);
    expect(await database.db.selectFrom('outbox').select('id').execute()).toHaveLength(3);
  });

  // One process on PGlite: a second worker's transaction cannot be open beside the sweeps there.
  it.skipIf(!hasRealPostgres())('skips the accounts a worker holds, and takes them at once when it dies', async () => {
    const now = at('2026-11-20T09:30');
    // A worker locks two due accounts and dies before writing them (its transaction is rolled back).
    const dying = database.db.transaction().execute(async (trx) => {
      const held = await lockDueAccounts(trx, { now, limit: 2 });
      expect(held).toHaveLength(2);
      const results = await Promise.all([runOutreachSweep(deps(), { now, batchSize: 1 }), runOutreachSweep(deps(), { now, batchSize: 1 })]);
      expect(results.reduce((n, r) => n + r.accounts, 0)).toBe(2);
      const idle = await database.db.selectFrom('accounts').select('id').where('externalId', '=', 'ACC-4').executeTakeFirstOrThrow();
      expect(results.reduce((n, r) => n + r.written, 0)).toBe(held.includes(idle.id) ? 2 : 1);
      throw new Error('the worker dies');
    });
    await expect(dying).rejects.toThrow('the worker dies');
    // Its accounts are due again at once: the next sweep writes their steps, and every step is written once.
    await runOutreachSweep(deps(), { now });
    expect(await database.db.selectFrom('outreachSends').select(['accountId']).execute()).toHaveLength(3);
    expect(await database.db.selectFrom('outbox').select('id').execute()).toHaveLength(3);
  });
});
