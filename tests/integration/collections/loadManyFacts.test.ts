import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { findAccount } from '../../../src/adapters/db/collections/findAccount';
import { readDebtorFactsRows } from '../../../src/adapters/db/collections/readDebtorFactsRows';
import { upsertDebtor } from '../../../src/adapters/db/repositories/upsertDebtor';
import type { DB } from '../../../src/adapters/db/schema';
import { createCollectionsFactsProvider } from '../../../src/collections/createCollectionsFactsProvider';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { recordPayment } from '../../../src/collections/recordPayment';
import { recordPromise } from '../../../src/collections/recordPromise';
import type { PolicySet } from '../../../src/core/collections/policy/resolvePolicy';
import type { FactsProvider } from '../../../src/ports/factsProvider';
import { countStatements } from '../../helpers/countStatements';
import { createFakeClock } from '../../helpers/createFakeClock';
import { createTestDatabase } from '../../helpers/testDatabase';
import { loadShippedPolicies, portfolioCsv } from './support';

/**
 * The inbox worker loads the facts of a whole batch of conversations in one transaction: loadManyFacts reads every
 * debtor in ONE statement, whichever path each takes (full facts, no account, no policy), and gives each what
 * loadFacts gives for that debtor alone. Statements are counted by a Kysely plugin (raw SQL included).
 */
describe(`facts of many debtors in one statement on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: Database;
  let policies: PolicySet;
  const ids = { withPayment: '', withPromise: '', noPolicy: '', noAccount: '', unknown: '00000000-0000-4000-8000-000000000000' };
  /** Runs `work` on a db that counts its statements; returns what it gave and how many statements it sent. */
  const counted = async <T>(work: (db: Kysely<DB>) => Promise<T>): Promise<{ value: T; statements: number }> => {
    const counting = countStatements(database.db);
    const value = await work(counting.db);
    return { value, statements: counting.counts.statements };
  };
  const debtorOf = async (externalId: string) => {
    const account = await findAccount(database.db, { externalId });
    if (!account) throw new Error(`no account ${externalId}`);
    return account;
  };
  const provider = (): FactsProvider & Required<Pick<FactsProvider, 'loadManyFacts'>> => {
    const facts = createCollectionsFactsProvider({ policies, clock: createFakeClock(new Date('2026-11-13T12:00:00Z')) });
    if (!facts.loadManyFacts) throw new Error('the collections provider has no loadManyFacts');
    return { loadFacts: facts.loadFacts, loadManyFacts: facts.loadManyFacts };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    policies = await loadShippedPolicies();
    const csv = portfolioCsv(
      { external_id: 'C-1', account_id: 'A-1', balance: '1000.00' },
      { external_id: 'C-2', account_id: 'A-2', phone: '+57 300 000 0002', first_name: 'Beto', balance: '500.00', due_date: '2026-09-01' },
      { external_id: 'C-4', account_id: 'A-4', phone: '+57 300 000 0004', creditor: 'Lakeside Credit Union', product: 'Credit card' },
    );
    const imported = await importPortfolio(database.db, csv, { now: new Date('2026-11-01T12:00:00Z') });
    if (!imported.ok) throw new Error(imported.error.message);
    const a1 = await debtorOf('A-1');
    const a2 = await debtorOf('A-2');
    const paid = await recordPayment(database.db, { external_payment_id: 'P-1', account_id: 'A-1', amount: 10_000, currency: 'COP', paid_at: '2026-11-05T15:00:00Z' }, { now: new Date('2026-11-05T16:00:00Z'), actor: 'test' });
    if (!paid.ok) throw new Error(paid.error.message);
    await recordPromise(database.db, { accountId: a2.id, debtorId: a2.debtorId, amount: { minor: 30_000, currency: 'COP' }, dueDate: '2026-11-20', madeAt: new Date('2026-11-01T15:00:00Z'), actor: 'test' });
    const noAccount = await upsertDebtor(database.db, { externalId: 'no-account-1', firstName: 'María', lastName: 'Gómez', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO' });
    Object.assign(ids, { withPayment: a1.debtorId, withPromise: a2.debtorId, noPolicy: (await debtorOf('A-4')).debtorId, noAccount: noAccount.debtorId });
  });
  afterAll(async () => {
    await database.close();
  });

  it('gives every known debtor, whatever path their facts take, what loadFacts gives them alone, in one statement', async () => {
    const facts = provider();
    const all = [ids.withPayment, ids.withPromise, ids.noPolicy, ids.noAccount, ids.unknown];
    const many = await counted((db) => facts.loadManyFacts(db, all));
    expect(many.statements).toBe(1);
    expect([...many.value.keys()].sort()).toEqual([ids.withPayment, ids.withPromise, ids.noPolicy, ids.noAccount].sort());

    for (const id of all) {
      // loadFacts alone is one statement too: the degraded paths build the debtor section from the row already read.
      const one = await counted((db) => facts.loadFacts(db, id));
      expect(one.statements).toBe(1);
      expect(many.value.get(id)).toEqual(one.value);
    }

    // Each debtor gets their own account, payment and promise, not a neighbour's.
    expect(many.value.get(ids.withPayment)).toMatchObject({
      debtor: { externalId: 'C-1', firstName: 'Ana', lastName: 'Pérez', verification: { dateOrder: 'dmy' } },
      account: { id: 'A-1', balance: { minor: 90_000, currency: 'COP' }, lastPayment: { amount: { minor: 10_000, currency: 'COP' } }, activePromise: null, activePlan: null },
      policy: { policyId: 'default' },
      today: '2026-11-13',
    });
    expect(many.value.get(ids.withPromise)).toMatchObject({
      debtor: { externalId: 'C-2', firstName: 'Beto' },
      account: { id: 'A-2', balance: { minor: 50_000, currency: 'COP' }, dueDate: '2026-09-01', lastPayment: null, activePromise: { amount: { minor: 30_000, currency: 'COP' }, dueDate: '2026-11-20' } },
      accounts: [{ id: 'A-2' }],
    });
    // Degraded: exactly the debtor section (no last name, no verification) and the code.
    expect(many.value.get(ids.noAccount)).toEqual({
      debtor: { id: ids.noAccount, externalId: 'no-account-1', firstName: 'María', locale: 'es-CO', timeZone: 'America/Bogota', country: 'CO' },
      factsError: 'FACTS.NO_ACCOUNT',
    });
    expect(many.value.get(ids.noPolicy)).toEqual({
      debtor: { id: ids.noPolicy, externalId: 'C-4', firstName: 'Ana', locale: 'es-CO', timeZone: 'America/Bogota', country: 'CO' },
      factsError: 'POLICY.CURRENCY_MISMATCH',
    });
    expect(await facts.loadFacts(database.db, ids.unknown)).toBeUndefined();
  });

  it('sends no statement for an empty list', async () => {
    const facts = provider();
    expect(await counted((db) => facts.loadManyFacts(db, []))).toEqual({ value: new Map(), statements: 0 });
    expect(await counted((db) => readDebtorFactsRows(db, []))).toEqual({ value: new Map(), statements: 0 });
  });

  it('reads each listed debtor once, keyed by the id as stored', async () => {
    const rows = await counted((db) => readDebtorFactsRows(db, [ids.withPayment, ids.withPayment.toUpperCase(), ids.unknown]));
    expect(rows.statements).toBe(1);
    expect([...rows.value.keys()]).toEqual([ids.withPayment]);
    expect(rows.value.get(ids.withPayment)?.debtor).toMatchObject({ id: ids.withPayment, externalId: 'C-1', lastName: 'Pérez' });
    // loadFacts accepts the id in any case, as it did before it became a list of one.
    expect(await provider().loadFacts(database.db, ids.withPayment.toUpperCase())).toEqual(await provider().loadFacts(database.db, ids.withPayment));
  });

  it('gives back the same facts object while the row, the day and the lock are unchanged, and new facts when one changes', async () => {
    const clock = createFakeClock(new Date('2026-11-13T12:00:00Z'));
    const facts = createCollectionsFactsProvider({ policies, clock });
    const load = async () => (await facts.loadManyFacts?.(database.db, [ids.withPayment, ids.withPromise]))?.get(ids.withPayment);
    const first = await load();
    clock.advance(60_000);
    const again = await load();
    expect(again).toBe(first); // same object: the flows' validation of it is remembered too
    // A payment changes the row: new facts with the new balance.
    const paid = await recordPayment(database.db, { external_payment_id: 'P-memo', account_id: 'A-1', amount: 5_000, currency: 'COP', paid_at: '2026-11-13T12:00:00Z' }, { now: clock.now(), actor: 'test' });
    if (!paid.ok) throw new Error(paid.error.message);
    const afterPayment = await load();
    expect(afterPayment).not.toBe(first);
    expect(afterPayment).toMatchObject({ account: { balance: { minor: 85_000 } }, today: '2026-11-13' });
    // Past midnight in Bogotá (05:00 UTC) the same row gives facts of the new day.
    clock.advance(Date.parse('2026-11-14T05:00:00Z') - clock.now().getTime());
    const nextDay = await load();
    expect(nextDay).not.toBe(afterPayment);
    expect(nextDay).toMatchObject({ today: '2026-11-14', account: { balance: { minor: 85_000 } } });
    expect(await load()).toBe(nextDay);
  });
});

