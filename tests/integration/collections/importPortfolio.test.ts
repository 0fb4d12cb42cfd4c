import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { checkVerification } from '../../../src/core/collections/verification/checkVerification';
import { createFakeClock } from '../../helpers/createFakeClock';
import { createTestDatabase } from '../../helpers/testDatabase';
import { createCollectionsTestApp, portfolioCsv, tokens } from './support';

const now = new Date('2026-11-20T15:00:00Z');
const small = readFileSync('tests/fixtures/portfolio/small.csv', 'utf8');
const noContactChanges = { moved: 0, removed: 0, consentWithdrawn: 0, consentNotRestored: 0, conversationsEnded: 0 };

describe(`portfolio import on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await database.db.deleteFrom('debtors').execute();
    await database.db.deleteFrom('auditEvents').execute();
  });

  const count = async (table: 'debtors' | 'accounts' | 'contactPoints' | 'verificationFactors' | 'auditEvents') =>
    Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('creates debtors, contact points with per-channel consent, hashed factors and accounts', async () => {
    const result = await importPortfolio(database.db, small, { now });
    expect(result).toEqual({ ok: true, value: { rows: 3, debtors: { created: 2, updated: 0, unchanged: 0 }, accounts: { created: 3, updated: 0, unchanged: 0 }, contacts: noContactChanges } });
    const ana = await database.db.selectFrom('debtors').selectAll().where('externalId', '=', 'C-1').executeTakeFirstOrThrow();
    expect(ana).toMatchObject({ firstName: 'Ana', lastName: 'Pérez, Gómez', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO' });
    const points = await database.db.selectFrom('contactPoints').select(['channel', 'address', 'consent']).where('debtorId', '=', ana.id).orderBy('channel').execute();
    expect(points).toEqual([
      { channel: 'sms', address: '+573001234567', consent: false },
      { channel: 'whatsapp', address: '+573001234567', consent: true },
    ]);
    const account = await database.db.selectFrom('accounts').selectAll().where('externalId', '=', 'A-1').executeTakeFirstOrThrow();
    expect(account).toMatchObject({ balanceMinor: '125000050', currency: 'COP', dueDate: '2026-10-01', status: 'active', debtorId: ana.id });

    const factors = await database.db.selectFrom('verificationFactors').selectAll().where('debtorId', '=', ana.id).execute();
    expect(factors.map((f) => f.kind).sort()).toEqual(['birth_date', 'document_last4']);
    // Only a salted digest is stored: no column holds the answer. (Not a substring check on the JSON: random hex
    // digests, salts and ids contain '1234' or '1988' now and then.)
    for (const f of factors) {
      expect(Object.keys(f).sort()).toEqual(['debtorId', 'hash', 'kind', 'salt', 'updatedAt']);
      expect(f.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(f.salt).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(JSON.stringify(factors)).not.toMatch(/1988-04-12|12\/04\/1988/);
    const stored = { salt: factors[0]?.salt ?? '', hashes: factors.map((f) => f.hash) };
    expect(checkVerification('1234', stored, 0, now, null).status).toBe('passed');
    expect(checkVerification('12/04/1988', stored, 0, now, null).status).toBe('passed');
    expect(checkVerification('4321', stored, 0, now, null).status).toBe('failed');
  });

  it('writes nothing when any row is invalid, and reports every problem', async () => {
    await importPortfolio(database.db, portfolioCsv({ external_id: 'KEEP', account_id: 'KEEP-1' }), { now });
    const before = await Promise.all([count('debtors'), count('accounts'), count('contactPoints'), count('verificationFactors'), count('auditEvents')]);
    const bad = portfolioCsv(
      { external_id: 'N-1', account_id: 'N-1', phone: '+57 300 000 0001' },
      { external_id: 'KEEP', account_id: 'KEEP-1', balance: '5.00' },
      { external_id: 'N-3', account_id: 'N-3', phone: '+57 300 000 0003', currency: 'COP', balance: 'mil' },
    );
    const result = await importPortfolio(database.db, bad, { now });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([{ line: 4, column: 'balance', message: expect.stringContaining('"mil" is not an amount') }]);
    expect(await Promise.all([count('debtors'), count('accounts'), count('contactPoints'), count('verificationFactors'), count('auditEvents')])).toEqual(before);
    const kept = await database.db.selectFrom('accounts').select('balanceMinor').where('externalId', '=', 'KEEP-1').executeTakeFirstOrThrow();
    expect(kept.balanceMinor).toBe('100000');
  });

  it('is an upsert: the same file twice changes nothing, a changed file updates only what changed', async () => {
    await importPortfolio(database.db, small, { now });
    const salts = await database.db.selectFrom('verificationFactors').select(['debtorId', 'salt', 'hash']).orderBy('debtorId').orderBy('kind').execute();
    const audits = await count('auditEvents');
    const again = await importPortfolio(database.db, small, { now });
    expect(again.ok && again.value).toEqual({ rows: 3, debtors: { created: 0, updated: 0, unchanged: 2 }, accounts: { created: 0, updated: 0, unchanged: 3 }, contacts: noContactChanges });
    expect(await count('auditEvents')).toBe(audits);
    expect(await database.db.selectFrom('verificationFactors').select(['debtorId', 'salt', 'hash']).orderBy('debtorId').orderBy('kind').execute()).toEqual(salts);

    const changed = small.replace('1250000.50', '1000000.00').replace('Smith', 'Smyth');
    const third = await importPortfolio(database.db, changed, { now });
    expect(third.ok && third.value).toEqual({ rows: 3, debtors: { created: 0, updated: 1, unchanged: 1 }, accounts: { created: 0, updated: 1, unchanged: 2 }, contacts: noContactChanges });
    const audit = await database.db.selectFrom('auditEvents').select(['actor', 'code', 'data']).where('code', '=', 'ACCOUNT.UPDATED').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: 'import', data: { balanceMinor: 100000000, currency: 'COP' } });
  });

  it('never restores consent that is off, not even when it moves a reused number to a new owner', async () => {
    await importPortfolio(database.db, portfolioCsv({}), { now });
    await database.db.updateTable('contactPoints').set({ consent: false }).where('channel', '=', 'whatsapp').execute();
    await importPortfolio(database.db, portfolioCsv({ balance: '900.00' }), { now });
    const whatsapp = await database.db.selectFrom('contactPoints').select('consent').where('channel', '=', 'whatsapp').executeTakeFirstOrThrow();
    expect(whatsapp.consent).toBe(false);

    const moved = await importPortfolio(database.db, portfolioCsv({ external_id: 'C-NEW', account_id: 'A-NEW' }), { now });
    expect(moved.ok && moved.value.contacts).toEqual({ ...noContactChanges, moved: 2, consentNotRestored: 1 });
    const owner = await database.db
      .selectFrom('contactPoints')
      .innerJoin('debtors', 'debtors.id', 'contactPoints.debtorId')
      .select(['debtors.externalId', 'contactPoints.consent'])
      .where('channel', '=', 'whatsapp')
      .execute();
    expect(owner).toEqual([{ externalId: 'C-NEW', consent: false }]);
  });

  it('is served at POST /api/portfolio/import for admin and service roles', async () => {
    const app = createCollectionsTestApp(database.db, createFakeClock(now));
    await request(app).post('/api/portfolio/import').set('content-type', 'text/csv').send(small).expect(401);
    await request(app).post('/api/portfolio/import').set('authorization', `Bearer ${tokens.viewer}`).set('content-type', 'text/csv').send(small).expect(403);
    const bad = await request(app)
      .post('/api/portfolio/import')
      .set('authorization', `Bearer ${tokens.service}`)
      .set('content-type', 'text/csv')
      .send(small.replace('2026-12-12', '12/12/2026'))
      .expect(422);
    expect(bad.body.error).toMatchObject({ code: 'PORTFOLIO.INVALID', totalIssues: 1, details: [{ line: 4, column: 'due_date', text: expect.stringMatching(/^line 4, column due_date: /) }] });
    expect(await count('accounts')).toBe(0);
    const ok = await request(app).post('/api/portfolio/import').set('authorization', `Bearer ${tokens.admin}`).set('content-type', 'text/csv').send(small).expect(200);
    expect(ok.body.summary).toMatchObject({ rows: 3, accounts: { created: 3 } });
    await request(app).post('/api/portfolio/import').set('authorization', `Bearer ${tokens.admin}`).set('content-type', 'application/json').send({}).expect(415);
  });
});
