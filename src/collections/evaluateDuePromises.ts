import type { Kysely } from 'kysely';
import { toMinor } from '../adapters/db/collections/toMinor';
import type { DB } from '../adapters/db/schema';
import { addDays } from '../core/collections/dates/addPeriod';
import { resolvePolicy, type PolicySet } from '../core/collections/policy/resolvePolicy';
import { evaluatePromise } from '../core/collections/promises/evaluatePromise';

export interface PromiseEvaluationCounts {
  /** Pending promises looked at (due on or before tomorrow, UTC). */
  evaluated: number;
  kept: number;
  partiallyKept: number;
  broken: number;
  /** Still inside their grace period on the debtor's calendar. */
  stillPending: number;
  /** No policy covers the account (POLICY.* failure): left pending and counted here. */
  unresolved: number;
}

export interface EvaluateDuePromisesOptions {
  policies: PolicySet;
  /** Audit actor (default `job:promises`). */
  actor?: string;
  batchSize?: number;
}

/**
 * Settles pending promises whose grace period may have ended: for each, the account's policy gives graceDays
 * (resolvePolicy), the payments made since the promise count toward it, and evaluatePromise decides kept,
 * partially_kept, broken or still pending (the debtor's calendar). Changed promises are updated with an audit
 * event (PROMISE.KEPT / PROMISE.PARTIALLY_KEPT / PROMISE.BROKEN). Rows are claimed with FOR UPDATE SKIP LOCKED in
 * batches, each its own transaction, so several workers can run it at once. Returns counts. Does I/O.
 */
export async function evaluateDuePromises(db: Kysely<DB>, now: Date, options: EvaluateDuePromisesOptions): Promise<PromiseEvaluationCounts> {
  const counts: PromiseEvaluationCounts = { evaluated: 0, kept: 0, partiallyKept: 0, broken: 0, stillPending: 0, unresolved: 0 };
  // No debtor's calendar is more than a day ahead of UTC, so nothing due later can be past its grace period.
  const horizon = addDays(now.toISOString().slice(0, 10), 1);
  const batchSize = options.batchSize ?? 200;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('promises')
        .innerJoin('accounts', 'accounts.id', 'promises.accountId')
        .innerJoin('debtors', 'debtors.id', 'accounts.debtorId')
        .select([
          'promises.id', 'promises.accountId', 'promises.amountMinor', 'promises.currency', 'promises.dueDate', 'promises.madeAt',
          'accounts.debtorId', 'accounts.creditor', 'accounts.product', 'accounts.balanceMinor', 'accounts.currency as accountCurrency',
          'accounts.dueDate as accountDueDate', 'accounts.segment', 'debtors.timezone',
        ])
        .where('promises.status', '=', 'pending')
        .where('promises.dueDate', '<=', horizon)
        .where('promises.id', '>', after)
        .orderBy('promises.id')
        .limit(batchSize)
        .forUpdate('promises')
        .skipLocked()
        .execute();
      for (const row of rows) await evaluateOne(trx, row, now, options, counts);
      return rows;
    });
    const last = batch.at(-1);
    if (!last) break;
    after = last.id;
    if (batch.length < batchSize) break;
  }
  return counts;
}

type DueRow = {
  id: string; accountId: string; amountMinor: string; currency: string; dueDate: string; madeAt: Date; debtorId: string; creditor: string;
  product: string; balanceMinor: string; accountCurrency: string; accountDueDate: string; segment: string | null; timezone: string;
};

async function evaluateOne(trx: Kysely<DB>, row: DueRow, now: Date, options: EvaluateDuePromisesOptions, counts: PromiseEvaluationCounts): Promise<void> {
  counts.evaluated += 1;
  const policy = resolvePolicy(
    options.policies,
    { creditor: row.creditor, product: row.product, balance: { minor: toMinor(row.balanceMinor), currency: row.accountCurrency }, dueDate: row.accountDueDate, segment: row.segment, timeZone: row.timezone },
    now,
  );
  if (!policy.ok) {
    counts.unresolved += 1;
    return;
  }
  const payments = await trx
    .selectFrom('payments')
    .select(['amountMinor', 'currency', 'paidAt'])
    .where('accountId', '=', row.accountId)
    .where('paidAt', '>=', row.madeAt)
    .execute();
  const result = evaluatePromise(
    { amount: { minor: toMinor(row.amountMinor), currency: row.currency }, dueDate: row.dueDate, madeAt: row.madeAt.toISOString(), timeZone: row.timezone },
    payments.map((p) => ({ amount: { minor: toMinor(p.amountMinor), currency: p.currency }, paidAt: p.paidAt.toISOString() })),
    now,
    policy.value,
  );
  if (result.status === 'pending') {
    counts.stillPending += 1;
    return;
  }
  if (result.status === 'kept') counts.kept += 1;
  else if (result.status === 'partially_kept') counts.partiallyKept += 1;
  else counts.broken += 1;
  await trx.updateTable('promises').set({ status: result.status, paidMinor: result.paid.minor, evaluatedAt: now, updatedAt: now }).where('id', '=', row.id).execute();
  await trx
    .insertInto('auditEvents')
    .values({
      at: now, actor: options.actor ?? 'job:promises', debtorId: row.debtorId, conversationId: null, code: `PROMISE.${result.status.toUpperCase()}`,
      data: JSON.stringify({ promiseId: row.id, accountId: row.accountId, paidMinor: result.paid.minor, remainingMinor: result.remaining.minor, graceEndsOn: result.graceEndsOn, ruleId: policy.value.ruleId }),
    })
    .execute();
}
