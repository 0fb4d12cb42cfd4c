import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { applyCollectionsEffect, type CollectionsEffectContext } from '../../../src/collections/applyCollectionsEffect';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { buildSchedule } from '../../../src/core/collections/plan/buildSchedule';
import { createTestDatabase } from '../../helpers/testDatabase';
import { portfolioCsv } from './support';

describe(`engine effects into collections tables on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: Database;
  let ctx: CollectionsEffectContext;
  beforeAll(async () => {
    database = await createTestDatabase();
    const imported = await importPortfolio(database.db, portfolioCsv({}), { now: new Date('2026-11-01T12:00:00Z') });
    if (!imported.ok) throw new Error(imported.error.message);
    const debtor = await database.db.selectFrom('debtors').select('id').executeTakeFirstOrThrow();
    const conversation = await database.db
      .insertInto('conversations')
      .values({ debtorId: debtor.id, channel: 'sms', address: '+573001234567', status: 'active' })
      .returningAll()
      .executeTakeFirstOrThrow();
    ctx = { conversation, now: new Date('2026-11-20T15:00:00Z') };
  });
  afterAll(async () => {
    await database.close();
  });

  it('records promises, plans, approvals, disputes and wrong-party marks with audit events', async () => {
    const apply = (effect: Parameters<typeof applyCollectionsEffect>[1]) => applyCollectionsEffect(database.db, effect, ctx);
    expect(await apply({ type: 'record_promise', amount: { minor: 50_000, currency: 'COP' }, date: '2026-11-27' })).toEqual({ handled: true, code: 'PROMISE.RECORDED' });
    const schedule = buildSchedule({ total: { minor: 100_000, currency: 'COP' }, count: 2, frequency: 'monthly', firstDueDate: '2026-12-01' });
    if (!schedule.ok) throw new Error(schedule.error.message);
    expect(await apply({ type: 'accept_plan', plan: { kind: 'plan', plan: schedule.value, accountId: 'A-1' } })).toEqual({ handled: true, code: 'PLAN.ACCEPTED' });
    expect(await apply({ type: 'accept_plan', plan: { kind: 'full_payment', amount: { minor: 100_000, currency: 'COP' }, payBy: '2026-11-25', accountId: 'A-1' } })).toMatchObject({ handled: true });
    expect(await apply({ type: 'request_approval', request: { accountId: 'A-1', reason: 'DEBTOR_ASKED' } })).toMatchObject({ handled: true });
    expect(await apply({ type: 'record_dispute', reason: 'Esa deuda no es mía, llamen a mi abogado' })).toMatchObject({ handled: true });
    expect(await apply({ type: 'mark_wrong_party' })).toMatchObject({ handled: true });
    expect(await apply({ type: 'handoff', reason: 'asked' })).toEqual({ handled: false });

    const promises = await database.db.selectFrom('promises').select(['amountMinor', 'dueDate', 'status']).orderBy('createdAt').orderBy('status').execute();
    expect(promises.map((p) => [p.amountMinor, p.dueDate, p.status]).sort()).toEqual([['100000', '2026-11-25', 'pending'], ['50000', '2026-11-27', 'cancelled']]);
    const plan = await database.db.selectFrom('plans').select(['status', 'installmentCount', 'conversationId']).executeTakeFirstOrThrow();
    expect(plan).toEqual({ status: 'active', installmentCount: 2, conversationId: ctx.conversation.id });
    expect((await database.db.selectFrom('approvalRequests').select(['status', 'payload']).executeTakeFirstOrThrow())).toMatchObject({ status: 'pending', payload: { reason: 'DEBTOR_ASKED' } });
    expect(await database.db.selectFrom('disputes').select('reasonCode').executeTakeFirstOrThrow()).toEqual({ reasonCode: 'unspecified' });
    expect(await database.db.selectFrom('accounts').select(['status', 'pausedReason']).executeTakeFirstOrThrow()).toEqual({ status: 'disputed', pausedReason: 'dispute' });
    expect((await database.db.selectFrom('wrongPartyMarks').select(['channel', 'address']).execute())).toEqual([{ channel: 'sms', address: '+573001234567' }]);
    const codes = (await database.db.selectFrom('auditEvents').select('code').where('conversationId', '=', ctx.conversation.id).execute()).map((r) => r.code).sort();
    expect(codes).toEqual(['APPROVAL.REQUESTED', 'CONTACT.WRONG_PARTY', 'DISPUTE.OPENED', 'PLAN.ACCEPTED', 'PROMISE.CANCELLED', 'PROMISE.RECORDED', 'PROMISE.RECORDED']);
    const audits = JSON.stringify(await database.db.selectFrom('auditEvents').select('data').execute());
    expect(audits).not.toContain('abogado');
  });

  it('records a death, a contact preference and a confirmed cancellation (issue 12)', async () => {
    const apply = (effect: Parameters<typeof applyCollectionsEffect>[1]) => applyCollectionsEffect(database.db, effect, ctx);
    const schedule = buildSchedule({ total: { minor: 100_000, currency: 'COP' }, count: 2, frequency: 'monthly', firstDueDate: '2026-12-01' });
    if (!schedule.ok) throw new Error(schedule.error.message);
    await apply({ type: 'accept_plan', plan: { kind: 'plan', plan: schedule.value, accountId: 'A-1' } });
    await apply({ type: 'record_promise', amount: { minor: 50_000, currency: 'COP' }, date: '2026-11-27' });
    expect(await apply({ type: 'cancel_arrangement', accountId: 'A-1', reason: 'debtor_request' })).toEqual({ handled: true, code: 'ARRANGEMENT.CANCELLED' });
    expect(await database.db.selectFrom('plans').select('status').where('status', '=', 'active').execute()).toEqual([]);
    expect(await database.db.selectFrom('promises').select('status').where('status', '=', 'pending').execute()).toEqual([]);

    const preference = { window: { from: '18:00', to: '21:00' }, notBefore: '2026-11-21T23:00:00.000Z', recordedAt: ctx.now.toISOString() };
    expect(await apply({ type: 'record_contact_preference', preference })).toEqual({ handled: true, code: 'CONTACT.PREFERENCE_RECORDED' });
    expect(await apply({ type: 'record_deceased' })).toEqual({ handled: true, code: 'DEBTOR.DECEASED' });
    const debtor = await database.db.selectFrom('debtors').select(['deceasedAt', 'preferredContact']).executeTakeFirstOrThrow();
    expect(debtor.deceasedAt?.toISOString()).toBe(ctx.now.toISOString());
    expect(debtor.preferredContact).toEqual(preference);
    // A later report keeps the first date.
    await applyCollectionsEffect(database.db, { type: 'record_deceased' }, { ...ctx, now: new Date('2026-11-25T15:00:00Z') });
    expect((await database.db.selectFrom('debtors').select('deceasedAt').executeTakeFirstOrThrow()).deceasedAt?.toISOString()).toBe(ctx.now.toISOString());

    const codes = (await database.db.selectFrom('auditEvents').select(['code', 'data']).where('code', 'in', ['PLAN.CANCELLED', 'PROMISE.CANCELLED', 'DEBTOR.DECEASED', 'CONTACT.PREFERENCE_RECORDED']).execute());
    expect(codes.filter((c) => c.code === 'PLAN.CANCELLED' || c.code === 'PROMISE.CANCELLED').some((c) => JSON.stringify(c.data).includes('debtor_request'))).toBe(true);
    expect(codes.map((c) => c.code)).toEqual(expect.arrayContaining(['DEBTOR.DECEASED', 'CONTACT.PREFERENCE_RECORDED']));
    await expect(apply({ type: 'record_contact_preference', preference: { window: { from: '25:00', to: '21:00' }, recordedAt: ctx.now.toISOString() } })).rejects.toThrow();
  });
});
