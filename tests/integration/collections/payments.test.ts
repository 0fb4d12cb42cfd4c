import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { findAccount } from '../../../src/adapters/db/collections/findAccount';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { recordPlan } from '../../../src/collections/recordPlan';
import { recordPromise } from '../../../src/collections/recordPromise';
import { buildSchedule } from '../../../src/core/collections/plan/buildSchedule';
import { createFakeClock } from '../../helpers/createFakeClock';
import { createTestDatabase } from '../../helpers/testDatabase';
import { createCollectionsTestApp, portfolioCsv, tokens } from './support';

const clock = createFakeClock(new Date('2026-11-20T15:00:00Z'));

describe(`payments on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: Database;
  let app: ReturnType<typeof createCollectionsTestApp>;
  let conversationId: string;
  const pay = (body: Record<string, unknown>, token: string = tokens.service) => request(app).post('/api/payments').set('authorization', `Bearer ${token}`).send(body);

  beforeAll(async () => {
    database = await createTestDatabase();
    app = createCollectionsTestApp(database.db, clock);
    const imported = await importPortfolio(database.db, portfolioCsv({}, { external_id: 'C-2', account_id: 'A-2', phone: '+57 300 765 4321' }), { now: clock.now() });
    if (!imported.ok) throw new Error(imported.error.message);
    const account = await findAccount(database.db, { externalId: 'A-1' });
    if (!account) throw new Error('no account');
    const schedule = buildSchedule({ total: { minor: 100_000, currency: 'COP' }, count: 4, frequency: 'monthly', firstDueDate: '2026-11-01' });
    if (!schedule.ok) throw new Error(schedule.error.message);
    await recordPlan(database.db, { accountId: account.id, debtorId: account.debtorId, plan: schedule.value, now: new Date('2026-10-25T12:00:00Z'), actor: 'test' });
    await recordPromise(database.db, { accountId: account.id, debtorId: account.debtorId, amount: { minor: 30_000, currency: 'COP' }, dueDate: '2026-11-25', madeAt: new Date('2026-11-19T12:00:00Z'), actor: 'test' });
    const conversation = await database.db
      .insertInto('conversations')
      .values({ debtorId: account.debtorId, channel: 'whatsapp', address: '+573001234567', status: 'active' })
      .returning('id')
      .executeTakeFirstOrThrow();
    conversationId = conversation.id;
  });
  afterAll(async () => {
    await database.close();
  });

  it('applies a payment to the balance, the oldest installment and the promise, and queues payment_received', async () => {
    const res = await pay({ external_payment_id: 'P-1', account_id: 'A-1', amount: 20_000, currency: 'COP', paid_at: '2026-11-20T09:00:00-05:00' }).expect(201);
    expect(res.body.payment).toMatchObject({
      externalPaymentId: 'P-1', accountId: 'A-1', applied: { minor: 20_000 }, balance: { minor: 80_000, currency: 'COP' },
      promise: { status: 'pending', paid: { minor: 20_000 } }, plan: { status: 'active', installmentsPaid: [] }, replayed: false,
    });
    const installments = await database.db.selectFrom('planInstallments').select(['number', 'paidMinor', 'status']).orderBy('number').execute();
    expect(installments.map((i) => [i.number, i.paidMinor, i.status])).toEqual([[1, '20000', 'partial'], [2, '0', 'open'], [3, '0', 'open'], [4, '0', 'open']]);
    const events = await database.db.selectFrom('collectionEvents').selectAll().execute();
    expect(events).toEqual([expect.objectContaining({ name: 'payment_received', conversationId, refId: res.body.payment.paymentId, dispatchedAt: null })]);
  });

  it('keeps the promise once paid in full and covers installments oldest first', async () => {
    const res = await pay({ external_payment_id: 'P-2', account_id: 'A-1', amount: 30_000, currency: 'COP', paid_at: '2026-11-20T12:00:00Z' }).expect(201);
    expect(res.body.payment).toMatchObject({ balance: { minor: 50_000 }, promise: { status: 'kept', paid: { minor: 50_000 } }, plan: { installmentsPaid: [1, 2] } });
    const account = await database.db.selectFrom('accounts').select(['balanceMinor', 'status']).where('externalId', '=', 'A-1').executeTakeFirstOrThrow();
    expect(account).toEqual({ balanceMinor: '50000', status: 'active' });
    const codes = (await database.db.selectFrom('auditEvents').select('code').where('actor', '=', 'api:service').execute()).map((r) => r.code).sort();
    expect(codes).toEqual(['PAYMENT.RECORDED', 'PAYMENT.RECORDED', 'PLAN.INSTALLMENTS_PAID', 'PROMISE.KEPT', 'PROMISE.PAYMENT_APPLIED']);
  });

  it('answers a replay with the original result and applies nothing twice', async () => {
    const first = await database.db.selectFrom('payments').select('result').where('externalId', '=', 'P-2').executeTakeFirstOrThrow();
    const replay = await pay({ external_payment_id: 'P-2', account_id: 'A-1', amount: 30_000, currency: 'COP', paid_at: '2026-11-20T12:00:00Z' }).expect(200);
    expect(replay.body.payment).toEqual({ ...first.result, replayed: true });
    const account = await database.db.selectFrom('accounts').select('balanceMinor').where('externalId', '=', 'A-1').executeTakeFirstOrThrow();
    expect(account.balanceMinor).toBe('50000');
    expect((await database.db.selectFrom('payments').select('id').execute()).length).toBe(2);
    expect((await database.db.selectFrom('collectionEvents').select('id').execute()).length).toBe(2);
    const reused = await pay({ external_payment_id: 'P-2', account_id: 'A-1', amount: 1, currency: 'COP', paid_at: '2026-11-20T12:00:00Z' }).expect(409);
    expect(reused.body.error.code).toBe('PAYMENT.ID_CONFLICT');
  });

  it('pays off the account and completes the plan; the excess is reported as overpayment', async () => {
    const res = await pay({ external_payment_id: 'P-3', account_id: 'A-1', amount: 60_000, currency: 'COP', paid_at: '2026-11-20T13:00:00Z' }, tokens.admin).expect(201);
    expect(res.body.payment).toMatchObject({ applied: { minor: 50_000 }, overpayment: { minor: 10_000 }, balance: { minor: 0 }, accountStatus: 'paid', plan: { status: 'completed', installmentsPaid: [3, 4] } });
    const plan = await database.db.selectFrom('plans').select('status').executeTakeFirstOrThrow();
    expect(plan.status).toBe('completed');
  });

  it('rejects what it cannot apply, with stable codes', async () => {
    await pay({ external_payment_id: 'X', account_id: 'A-1', amount: 1, currency: 'COP', paid_at: '2026-11-20T10:00:00Z' }, tokens.viewer).expect(403);
    const invalid = await pay({ external_payment_id: 'X', account_id: 'A-2', amount: 12.5, currency: 'COP', paid_at: 'yesterday' }).expect(400);
    expect(invalid.body.error.code).toBe('PAYMENT.INVALID');
    expect(invalid.body.error.details.map((d: { field: string }) => d.field)).toEqual(['amount', 'paid_at']);
    expect((await pay({ external_payment_id: 'X', account_id: 'NOPE', amount: 1, currency: 'COP', paid_at: '2026-11-20T10:00:00Z' }).expect(404)).body.error.code).toBe('ACCOUNT.NOT_FOUND');
    expect((await pay({ external_payment_id: 'X', account_id: 'A-2', amount: 1, currency: 'USD', paid_at: '2026-11-20T10:00:00Z' }).expect(422)).body.error.code).toBe('PAYMENT.CURRENCY_MISMATCH');
    expect((await pay({ external_payment_id: 'X', account_id: 'A-2', amount: 1, currency: 'COP', paid_at: '2026-12-20T10:00:00Z' }).expect(422)).body.error.code).toBe('PAYMENT.PAID_AT_IN_FUTURE');
    expect((await database.db.selectFrom('payments').select('id').where('externalId', '=', 'X').execute()).length).toBe(0);
  });

  it('refuses implausible amounts and dates with 422 naming the field, and still takes an overpayment within the limit', async () => {
    const refuse = async (body: Record<string, unknown>, code: string, field: string) => {
      const res = await pay({ external_payment_id: 'IMPLAUSIBLE', account_id: 'A-2', currency: 'COP', amount: 1, paid_at: '2026-11-20T10:00:00Z', ...body }).expect(422);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(new RegExp(`^${field}: `));
    };
    // A-2 owes COP 1,000.00 (100000 minor units) and has no payments.
    await refuse({ amount: 9007199254740991 }, 'PAYMENT.AMOUNT_IMPLAUSIBLE', 'amount');
    await refuse({ amount: 200_001 }, 'PAYMENT.AMOUNT_IMPLAUSIBLE', 'amount');
    await refuse({ paid_at: '0001-01-01T00:00:00Z' }, 'PAYMENT.PAID_AT_TOO_OLD', 'paid_at');
    await refuse({ paid_at: '2020-01-01T00:00:00Z' }, 'PAYMENT.PAID_AT_TOO_OLD', 'paid_at');
    expect((await database.db.selectFrom('payments').select('id').where('externalId', '=', 'IMPLAUSIBLE').execute()).length).toBe(0);
    const early = await pay({ external_payment_id: 'PLAUSIBLE-OLD', account_id: 'A-2', amount: 100, currency: 'COP', paid_at: '2024-06-01T00:00:00Z' }).expect(201);
    expect(early.body.payment.amount).toEqual({ minor: 100, currency: 'COP' });
  });

  it('lists promises and plans with filters and keyset paging', async () => {
    const account = await findAccount(database.db, { externalId: 'A-2' });
    if (!account) throw new Error('no account');
    await recordPromise(database.db, { accountId: account.id, debtorId: account.debtorId, amount: { minor: 5_000, currency: 'COP' }, dueDate: '2026-11-30', madeAt: clock.now(), actor: 'test' });
    const get = (path: string) => request(app).get(path).set('authorization', `Bearer ${tokens.viewer}`).expect(200);
    const kept = await get('/api/promises?status=kept');
    expect(kept.body.promises).toEqual([expect.objectContaining({ accountId: 'A-1', debtorId: 'C-1', status: 'kept', amount: { minor: 30_000, currency: 'COP' }, paid: { minor: 50_000, currency: 'COP' } })]);
    const page1 = await get('/api/promises?limit=1');
    expect(page1.body.promises.map((p: { accountId: string }) => p.accountId)).toEqual(['A-2']);
    const page2 = await get(`/api/promises?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.promises.map((p: { accountId: string }) => p.accountId)).toEqual(['A-1']);
    const plans = await get('/api/plans?account=A-1');
    expect(plans.body.plans).toEqual([expect.objectContaining({ status: 'completed', count: 4, frequency: 'monthly', total: { minor: 100_000, currency: 'COP' } })]);
    expect(plans.body.plans[0].installments.map((i: { status: string }) => i.status)).toEqual(['paid', 'paid', 'paid', 'paid']);
    await request(app).get('/api/plans?status=bogus').set('authorization', `Bearer ${tokens.viewer}`).expect(400);
  });
});
