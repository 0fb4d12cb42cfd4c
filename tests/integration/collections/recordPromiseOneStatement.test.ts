import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements } from '../../helpers/countStatements';
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/adapters/db/createDatabase';
import type { AccountStatus } from '../../../src/adapters/db/collections/collectionsTables';
import { upsertDebtor } from '../../../src/adapters/db/repositories/upsertDebtor';
import type { DB } from '../../../src/adapters/db/schema';
import { applyCollectionsEffect, type CollectionsEffectContext } from '../../../src/collections/applyCollectionsEffect';
import { recordPromise } from '../../../src/collections/recordPromise';
import { createTestDatabase } from '../../helpers/testDatabase';

/**
 * A promise-to-pay is one statement: the earlier pending promise cancelled, the new one inserted and both audited
 * (CANCELLED before RECORDED in write order), the debtor's primary account resolved inside it by the same rule as
 * the other effects (request_approval without an account uses primaryAccount).
 */
let database: Database;
let seq = 0;
const now = new Date('2026-11-20T15:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** A debtor with the given accounts (external id, balance, status) and a conversation, as an effect context. */
async function debtorWith(accounts: ReadonlyArray<readonly [externalId: string, balanceMinor: number, status: AccountStatus]>): Promise<{ ctx: CollectionsEffectContext; ids: Map<string, string> }> {
  const n = ++seq;
  const address = `+5730055501${String(n).padStart(2, '0')}`;
  const { debtorId } = await upsertDebtor(database.db, { externalId: `D-${n}`, firstName: 'Ana', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO' });
  const ids = new Map<string, string>();
  for (const [externalId, balanceMinor, status] of accounts) {
    const row = await database.db
      .insertInto('accounts')
      .values({ debtorId, externalId: `${n}-${externalId}`, creditor: 'Acme', product: 'Préstamo', currency: 'COP', balanceMinor, principalMinor: null, interestMinor: null, feesMinor: null, dueDate: '2026-10-01', segment: null, status, pausedReason: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(externalId, row.id);
  }
  const conversation = await database.db.insertInto('conversations').values({ debtorId, channel: 'sms', address, status: 'active' }).returningAll().executeTakeFirstOrThrow();
  return { ctx: { conversation, now }, ids };
}

function countingStatements(db: Kysely<DB>): { db: Kysely<DB>; count: () => number } {
  const counted = countStatements(db);
  return { db: counted.db, count: () => counted.counts.statements };
}

const auditsOf = (conversationId: string) =>
  database.db.selectFrom('auditEvents').select(['code', 'data', 'at', 'actor', 'debtorId']).where('conversationId', '=', conversationId).orderBy('seq').execute();

describe(`recordPromise in one statement on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('records a promise with its audit, the amount exact to the last minor unit', async () => {
    const { ctx, ids } = await debtorWith([['A', 1_000_000, 'active']]);
    const amount = { minor: Number.MAX_SAFE_INTEGER, currency: 'COP' };
    const { promiseId, accountId } = await recordPromise(database.db, {
      accountId: ids.get('A') ?? '', debtorId: ctx.conversation.debtorId ?? '', amount, dueDate: '2026-11-27', madeAt: now, conversationId: ctx.conversation.id, actor: 'supervisor:eva',
    });
    expect(accountId).toBe(ids.get('A'));
    const promise = await database.db.selectFrom('promises').selectAll().where('id', '=', promiseId).executeTakeFirstOrThrow();
    expect(promise).toMatchObject({
      accountId: ids.get('A'), amountMinor: '9007199254740991', currency: 'COP', dueDate: '2026-11-27', madeAt: now, status: 'pending', paidMinor: '0',
      conversationId: ctx.conversation.id, messageId: null, evaluatedAt: null,
    });
    expect(await auditsOf(ctx.conversation.id)).toEqual([{
      code: 'PROMISE.RECORDED', at: now, actor: 'supervisor:eva', debtorId: ctx.conversation.debtorId,
      data: { promiseId, accountId: ids.get('A'), amountMinor: Number.MAX_SAFE_INTEGER, currency: 'COP', dueDate: '2026-11-27' },
    }]);
  });

  it('replaces the pending promise: the first is cancelled, audited CANCELLED then RECORDED in write order', async () => {
    const { ctx, ids } = await debtorWith([['A', 1_000_000, 'active']]);
    const later = new Date(now.getTime() + 60_000);
    await database.db.transaction().execute(async (trx) => {
      expect(await applyCollectionsEffect(trx, { type: 'record_promise', amount: { minor: 50_000, currency: 'COP' }, date: '2026-11-27' }, ctx)).toEqual({ handled: true, code: 'PROMISE.RECORDED' });
      // Same transaction as the first, as when one worker batch holds both messages.
      expect(await applyCollectionsEffect(trx, { type: 'record_promise', amount: { minor: 70_000, currency: 'COP' }, date: '2026-11-30' }, { ...ctx, now: later })).toEqual({ handled: true, code: 'PROMISE.RECORDED' });
    });
    const promises = await database.db.selectFrom('promises').select(['id', 'amountMinor', 'status', 'updatedAt', 'evaluatedAt']).where('accountId', '=', ids.get('A') ?? '').orderBy('madeAt').execute();
    expect(promises.map((p) => [p.amountMinor, p.status])).toEqual([['50000', 'cancelled'], ['70000', 'pending']]);
    expect(promises[0]).toMatchObject({ updatedAt: later, evaluatedAt: later });
    const [first, second] = promises.map((p) => p.id);
    expect((await auditsOf(ctx.conversation.id)).map((a) => [a.code, a.data, a.at])).toEqual([
      ['PROMISE.RECORDED', { promiseId: first, accountId: ids.get('A'), amountMinor: 50_000, currency: 'COP', dueDate: '2026-11-27' }, now],
      ['PROMISE.CANCELLED', { promiseId: first, reason: 'replaced' }, later],
      ['PROMISE.RECORDED', { promiseId: second, accountId: ids.get('A'), amountMinor: 70_000, currency: 'COP', dueDate: '2026-11-30' }, later],
    ]);
  });

  it('replaces a promise committed earlier, through the account id (accept_plan path)', async () => {
    const { ctx, ids } = await debtorWith([['A', 1_000_000, 'active']]);
    const accountId = ids.get('A') ?? '';
    const base = { accountId, debtorId: ctx.conversation.debtorId ?? '', conversationId: ctx.conversation.id, actor: 'test' };
    const first = await recordPromise(database.db, { ...base, amount: { minor: 10_000, currency: 'COP' }, dueDate: '2026-11-25', madeAt: now });
    const second = await recordPromise(database.db, { ...base, amount: { minor: 20_000, currency: 'COP' }, dueDate: '2026-11-26', madeAt: new Date(now.getTime() + 1000) });
    const statuses = await database.db.selectFrom('promises').select(['id', 'status']).where('accountId', '=', accountId).execute();
    expect(Object.fromEntries(statuses.map((p) => [p.id, p.status]))).toEqual({ [first.promiseId]: 'cancelled', [second.promiseId]: 'pending' });
    expect((await auditsOf(ctx.conversation.id)).map((a) => a.code)).toEqual(['PROMISE.RECORDED', 'PROMISE.CANCELLED', 'PROMISE.RECORDED']);
  });

  it.each([
    ['an open account with a balance over a larger paid or closed one', [['A', 900, 'paid'], ['B', 800, 'closed'], ['C', 300, 'active'], ['D', 0, 'active']], 'C'],
    ['the larger of two open accounts, disputed counting as open', [['A', 300, 'active'], ['B', 500, 'disputed'], ['C', 0, 'disputed']], 'B'],
    ['the first external id between equal balances', [['B', 500, 'active'], ['A', 500, 'disputed'], ['C', 400, 'active']], 'A'],
    ['the largest balance when no account is open with a balance', [['A', 100, 'paid'], ['C', 700, 'closed'], ['B', 700, 'paid'], ['D', 0, 'active']], 'B'],
    ['the first external id when every balance is zero', [['B', 0, 'closed'], ['A', 0, 'active']], 'A'],
  ] as const)('resolves the primary account like primaryAccount does: %s', async (_, accounts, expected) => {
    const { ctx, ids } = await debtorWith(accounts);
    await applyCollectionsEffect(database.db, { type: 'record_promise', amount: { minor: 5_000, currency: 'COP' }, date: '2026-11-27' }, ctx);
    await applyCollectionsEffect(database.db, { type: 'request_approval', request: { reason: 'DEBTOR_ASKED' } }, ctx);
    const promise = await database.db.selectFrom('promises').select('accountId').where('conversationId', '=', ctx.conversation.id).executeTakeFirstOrThrow();
    const approval = await database.db.selectFrom('approvalRequests').select('accountId').where('conversationId', '=', ctx.conversation.id).executeTakeFirstOrThrow();
    expect(promise.accountId).toBe(ids.get(expected));
    expect(approval.accountId).toBe(promise.accountId);
  });

  it('fails as before for a debtor without an account, writing nothing', async () => {
    const { ctx } = await debtorWith([]);
    await expect(applyCollectionsEffect(database.db, { type: 'record_promise', amount: { minor: 5_000, currency: 'COP' }, date: '2026-11-27' }, ctx))
      .rejects.toThrow(`debtor ${ctx.conversation.debtorId} has no account for a collections effect`);
    expect(await auditsOf(ctx.conversation.id)).toEqual([]);
    expect(await database.db.selectFrom('promises').select('id').where('conversationId', '=', ctx.conversation.id).execute()).toEqual([]);
  });

  it('costs one statement for a record_promise effect that replaces a pending promise', async () => {
    const { ctx } = await debtorWith([['A', 1_000_000, 'active'], ['B', 2_000, 'active']]);
    const effect = { type: 'record_promise', amount: { minor: 5_000, currency: 'COP' }, date: '2026-11-27' } as const;
    await applyCollectionsEffect(database.db, effect, ctx);
    const counted = countingStatements(database.db);
    await applyCollectionsEffect(counted.db, effect, ctx);
    expect(counted.count()).toBe(1);
    expect((await auditsOf(ctx.conversation.id)).map((a) => a.code)).toEqual(['PROMISE.RECORDED', 'PROMISE.CANCELLED', 'PROMISE.RECORDED']);
  });
});
