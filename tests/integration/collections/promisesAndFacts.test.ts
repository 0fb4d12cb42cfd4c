import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { findAccount } from '../../../src/adapters/db/collections/findAccount';
import { createCollectionsFactsProvider } from '../../../src/collections/createCollectionsFactsProvider';
import { evaluateDuePromises } from '../../../src/collections/evaluateDuePromises';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { loadCollectionsFacts } from '../../../src/collections/loadCollectionsFacts';
import { recordPayment } from '../../../src/collections/recordPayment';
import { recordPromise } from '../../../src/collections/recordPromise';
import type { PolicySet } from '../../../src/core/collections/policy/resolvePolicy';
import { collectionsFactsSchema } from '../../../src/core/collections/registry/collectionsFacts';
import { checkVerification } from '../../../src/core/collections/verification/checkVerification';
import { createFakeClock } from '../../helpers/createFakeClock';
import { createTestDatabase } from '../../helpers/testDatabase';
import { loadShippedPolicies, portfolioCsv } from './support';

describe(`promise evaluation and facts on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: Database;
  let policies: PolicySet;
  const accountOf = async (externalId: string) => {
    const account = await findAccount(database.db, { externalId });
    if (!account) throw new Error(`no account ${externalId}`);
    return account;
  };
  const promise = async (externalId: string, dueDate: string) => {
    const account = await accountOf(externalId);
    return recordPromise(database.db, { accountId: account.id, debtorId: account.debtorId, amount: { minor: 30_000, currency: 'COP' }, dueDate, madeAt: new Date('2026-11-01T15:00:00Z'), actor: 'test' });
  };
  const statusOf = async (id: string) => (await database.db.selectFrom('promises').select(['status', 'paidMinor']).where('id', '=', id).executeTakeFirstOrThrow());

  beforeAll(async () => {
    database = await createTestDatabase();
    policies = await loadShippedPolicies();
    const csv = portfolioCsv(
      {},
      { external_id: 'C-2', account_id: 'A-2', phone: '+57 300 000 0002' },
      { external_id: 'C-3', account_id: 'A-3', phone: '+57 300 000 0003' },
      { external_id: 'C-4', account_id: 'A-4', phone: '+57 300 000 0004', creditor: 'Lakeside Credit Union', product: 'Credit card' },
    );
    const imported = await importPortfolio(database.db, csv, { now: new Date('2026-11-01T12:00:00Z') });
    if (!imported.ok) throw new Error(imported.error.message);
  });
  afterAll(async () => {
    await database.close();
  });

  it('breaks a promise only after the policy grace days have passed on the debtor\'s calendar', async () => {
    const broken = await promise('A-1', '2026-11-10');
    const partial = await promise('A-2', '2026-11-10');
    const later = await promise('A-3', '2026-11-20');
    const paid = await recordPayment(database.db, { external_payment_id: 'P-1', account_id: 'A-2', amount: 10_000, currency: 'COP', paid_at: '2026-11-05T15:00:00Z' }, { now: new Date('2026-11-05T16:00:00Z'), actor: 'test' });
    expect(paid.ok).toBe(true);

    // Default policy, bucket "early": graceDays 2, so the grace period ends 2026-11-12 in Bogotá (UTC-5).
    const lastGraceMinute = await evaluateDuePromises(database.db, new Date('2026-11-13T04:59:00Z'), { policies });
    expect(lastGraceMinute).toEqual({ evaluated: 2, kept: 0, partiallyKept: 0, broken: 0, stillPending: 2, unresolved: 0 });
    expect((await statusOf(broken.promiseId)).status).toBe('pending');

    const nextDay = await evaluateDuePromises(database.db, new Date('2026-11-13T05:00:00Z'), { policies });
    expect(nextDay).toEqual({ evaluated: 2, kept: 0, partiallyKept: 1, broken: 1, stillPending: 0, unresolved: 0 });
    expect(await statusOf(broken.promiseId)).toEqual({ status: 'broken', paidMinor: '0' });
    expect(await statusOf(partial.promiseId)).toEqual({ status: 'partially_kept', paidMinor: '10000' });
    expect((await statusOf(later.promiseId)).status).toBe('pending');
    const audit = await database.db.selectFrom('auditEvents').select(['actor', 'data']).where('code', '=', 'PROMISE.BROKEN').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: 'job:promises', data: { promiseId: broken.promiseId, graceEndsOn: '2026-11-12', ruleId: 'early' } });

    expect(await evaluateDuePromises(database.db, new Date('2026-11-14T05:00:00Z'), { policies })).toMatchObject({ evaluated: 0 });
  });

  it('builds the facts the collections registry reads, on the debtor\'s calendar', async () => {
    const now = new Date('2026-11-13T04:00:00Z');
    const account = await accountOf('A-2');
    const result = await loadCollectionsFacts(database.db, account.debtorId, now, { policies, paymentLink: { template: 'https://pay.example.com/p?a={account}&m={amount}&r={reference}&s={signature}', secret: 'a-secret-of-16-chars' } });
    if (!result.ok) throw new Error(result.error.message);
    const facts = result.value;
    expect(collectionsFactsSchema.safeParse(facts).success).toBe(true);
    expect(facts.debtor).toMatchObject({ firstName: 'Ana', locale: 'es-CO', timeZone: 'America/Bogota', externalId: 'C-2' });
    // 2026-11-12 in Bogotá: 42 days after 2026-10-01 (it is already the 13th in UTC).
    expect(facts.account).toMatchObject({ id: 'A-2', balance: { minor: 90_000, currency: 'COP' }, dueDate: '2026-10-01', daysPastDue: 42, lastPayment: { amount: { minor: 10_000, currency: 'COP' } }, activePromise: null, activePlan: null });
    expect(facts.policy).toMatchObject({ policyId: 'default', ruleId: 'early', promise: { graceDays: 2 } });
    expect(facts.paymentLink?.url).toMatch(/^https:\/\/pay\.example\.com\/p\?a=A-2&m=900\.00&r=A-2-2026-11-12&s=/);
    const verification = facts.debtor.verification;
    if (!verification) throw new Error('no verification factors');
    expect(checkVerification('1234', verification, 0, now, null).status).toBe('passed');
    expect(JSON.stringify(facts)).not.toContain('1988-04-12');
  });

  it('serves facts through the FactsProvider port, degrading to the debtor section when no policy fits', async () => {
    const provider = createCollectionsFactsProvider({ policies, clock: createFakeClock(new Date('2026-11-13T12:00:00Z')) });
    const good = await provider.loadFacts(database.db, (await accountOf('A-3')).debtorId);
    expect(good?.account).toMatchObject({ id: 'A-3' });
    const mismatch = await provider.loadFacts(database.db, (await accountOf('A-4')).debtorId);
    expect(mismatch).toEqual({ debtor: expect.objectContaining({ externalId: 'C-4', timeZone: 'America/Bogota' }), factsError: 'POLICY.CURRENCY_MISMATCH' });
    expect(await provider.loadFacts(database.db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
