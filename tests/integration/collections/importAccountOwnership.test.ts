import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { recordPayment } from '../../../src/collections/recordPayment';
import { seedDemo } from '../../../src/collections/seedDemo';
import { createTestDatabase } from '../../helpers/testDatabase';
import { portfolioCsv } from './support';

/**
 * Issue 10, item 4: an import moved José's MXN account (with a pending MXN 2,000.00 promise) to another debtor and
 * made it COP, and a COP payment then marked the MXN promise kept. An account's owner and currency cannot change
 * through an import: the file is refused with a line/column error for each, and nothing is written.
 */
let database: Database;
const now = new Date('2026-11-23T15:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, now);
}, 180_000);
afterAll(async () => {
  await database.close();
});

const account = () =>
  database.db
    .selectFrom('accounts')
    .innerJoin('debtors', 'debtors.id', 'accounts.debtorId')
    .select(['debtors.externalId', 'accounts.currency', 'accounts.balanceMinor'])
    .where('accounts.externalId', '=', 'DEMO-MX-2001')
    .executeTakeFirstOrThrow();

describe('an import that would move an account or change its currency', () => {
  it('is refused with line and column errors, and the MXN promise stays on the MXN account', async () => {
    const before = await account();
    const result = await importPortfolio(
      database.db,
      portfolioCsv(
        { external_id: 'CO-NEW-1', account_id: 'DEMO-MX-2001', currency: 'COP', balance: '2500000', phone: '+57 300 555 0001' },
        { external_id: 'demo-mx-jose', first_name: 'José', last_name: 'Hernández', phone: '+52 55 1234 5602', country: 'MX', locale: 'es-MX', timezone: 'America/Mexico_City', document_last4: '5678', birth_date: '1990-09-30', account_id: 'DEMO-MX-2001', currency: 'COP', balance: '8450.50' },
      ),
      { now },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { line: 2, column: 'external_id', message: expect.stringContaining('account DEMO-MX-2001 belongs to debtor demo-mx-jose: an import cannot move an account to another debtor') },
      { line: 3, column: 'currency', message: expect.stringContaining("account DEMO-MX-2001 is in MXN: an import cannot change an account's currency") },
      { line: 3, column: 'account_id', message: 'DEMO-MX-2001 is already on line 2: list each account once' },
    ]);
    expect(await account()).toEqual(before);
    expect(await database.db.selectFrom('debtors').select('id').where('externalId', '=', 'CO-NEW-1').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a currency change alone, so a COP payment can never meet the MXN promise', async () => {
    const jose = { external_id: 'demo-mx-jose', first_name: 'José', last_name: 'Hernández', phone: '+52 55 1234 5602', country: 'MX', locale: 'es-MX', timezone: 'America/Mexico_City', document_last4: '5678', birth_date: '1990-09-30', account_id: 'DEMO-MX-2001', creditor: 'Financiera Azteca Norte', product: 'Préstamo personal', due_date: '2026-11-01' };
    const result = await importPortfolio(database.db, portfolioCsv({ ...jose, currency: 'COP', balance: '8450.50' }), { now });
    expect(result.ok || result.issues).toEqual([{ line: 2, column: 'currency', message: expect.stringContaining('account DEMO-MX-2001 is in MXN') }]);
    expect(await account()).toMatchObject({ externalId: 'demo-mx-jose', currency: 'MXN' });
    const paid = await recordPayment(database.db, { external_payment_id: 'P-COP-1', account_id: 'DEMO-MX-2001', amount: 250_000, currency: 'COP', paid_at: now.toISOString() }, { now, actor: 'test', source: 'api' });
    expect(paid.ok).toBe(false);
    const promise = await database.db.selectFrom('promises').innerJoin('accounts', 'accounts.id', 'promises.accountId').select(['promises.status', 'promises.currency']).where('accounts.externalId', '=', 'DEMO-MX-2001').executeTakeFirstOrThrow();
    expect(promise).toEqual({ status: 'pending', currency: 'MXN' });

    // The same row in its own currency still imports (the balance may change).
    const fine = await importPortfolio(database.db, portfolioCsv({ ...jose, currency: 'MXN', balance: '8000.00' }), { now });
    expect(fine.ok && fine.value.accounts).toEqual({ created: 0, updated: 1, unchanged: 0 });
  });
});
