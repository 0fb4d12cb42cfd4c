import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { listDebtorAccounts } from '../../../src/adapters/db/collections/findAccount';
import { loadCollectionsFacts } from '../../../src/collections/loadCollectionsFacts';
import { seedDemo } from '../../../src/collections/seedDemo';
import { createTestDatabase } from '../../helpers/testDatabase';
import { loadShippedPolicies } from './support';

const tables = ['debtors', 'contact_points', 'verification_factors', 'accounts', 'payments', 'promises', 'plans', 'plan_installments', 'disputes', 'audit_events'];

describe(`seedDemo on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const snapshot = async () => {
    const out: Record<string, unknown> = {};
    for (const table of tables) {
      const rows = await sql<{ row: string }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table)} t ORDER BY 1`.execute(database.db);
      out[table] = rows.rows.map((r) => r.row);
    }
    return out;
  };

  it('loads one debtor per market with their histories, and a second run changes nothing', async () => {
    const now = new Date('2026-11-23T15:00:00Z');
    const first = await seedDemo(database.db, now);
    expect(first.imported.debtors.created).toBe(6);
    expect(first.debtors.map((d) => [d.externalId, d.country, d.locale, d.documentLast4])).toEqual([
      ['demo-co-maria', 'CO', 'es-CO', '1234'],
      ['demo-mx-jose', 'MX', 'es-MX', '5678'],
      ['demo-pe-rosa', 'PE', 'es-PE', '4321'],
      ['demo-cl-pablo', 'CL', 'es-CL', '9876'],
      ['demo-es-lucia', 'ES', 'es-ES', '2468'],
      ['demo-us-john', 'US', 'en-US', '1357'],
    ]);
    const before = await snapshot();
    const second = await seedDemo(database.db, new Date('2026-11-24T15:00:00Z'));
    expect(second.imported.debtors).toEqual({ created: 0, updated: 0, unchanged: 6 });
    expect(await snapshot()).toEqual(before);
  });

  it('gives each demo debtor the facts of their situation', async () => {
    const policies = await loadShippedPolicies();
    const now = new Date('2026-11-23T15:00:00Z');
    const facts = async (externalId: string) => {
      const debtor = await database.db.selectFrom('debtors').select('id').where('externalId', '=', externalId).executeTakeFirstOrThrow();
      const result = await loadCollectionsFacts(database.db, debtor.id, now, { policies });
      if (!result.ok) throw new Error(`${externalId}: ${result.error.message}`);
      return result.value;
    };
    expect((await facts('demo-co-maria')).account.lastPayment).toMatchObject({ amount: { minor: 20_000_000, currency: 'COP' } });
    expect((await facts('demo-mx-jose')).account.activePromise).toMatchObject({ amount: { minor: 200_000, currency: 'MXN' }, dueDate: '2026-11-28' });
    const rosa = await facts('demo-pe-rosa');
    expect(rosa.account.activePlan?.installments.map((i) => i.paid?.minor)).toEqual([80_000, 0, 0, 0]);
    expect(rosa.account.balance).toEqual({ minor: 240_000, currency: 'PEN' });
    expect((await facts('demo-cl-pablo')).account).toMatchObject({ status: 'disputed', pausedReason: 'dispute' });
    expect((await facts('demo-us-john')).policy.ruleId).toBeTruthy();
    const lucia = await database.db.selectFrom('debtors').select(['id', 'profile']).where('externalId', '=', 'demo-es-lucia').executeTakeFirstOrThrow();
    expect(lucia.profile).toMatchObject({ debtor: { documentLast4: '2468', birthDate: '1992-07-14' }, creditor: { name: 'Crédito Ibérico' } });
    expect((await listDebtorAccounts(database.db, lucia.id)).map((a) => a.balance)).toEqual([{ minor: 152_075, currency: 'EUR' }]);
  });
});
