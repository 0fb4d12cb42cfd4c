import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import type { Money } from '../core/collections/money/money';

export interface RecordPromiseInput {
  /** Internal account id (uuid). */
  accountId: string;
  debtorId: string;
  amount: Money;
  /** ISO date on the debtor's calendar. */
  dueDate: string;
  madeAt: Date;
  conversationId?: string | null;
  /** The debtor's message that made the promise, when it came from a conversation. */
  messageId?: string | null;
  /** Audit actor: `message:<id>`, `supervisor:<name>`, `seed`… */
  actor: string;
}

/**
 * Stores a promise-to-pay as the account's one pending promise: an earlier pending promise is cancelled
 * (PROMISE.CANCELLED) and the new one recorded (PROMISE.RECORDED), both audited with ids, amounts and dates only.
 * Returns the promise id. Does I/O; run it inside the caller's transaction.
 */
export async function recordPromise(trx: Kysely<DB>, input: RecordPromiseInput): Promise<{ promiseId: string }> {
  const audit = (code: string, data: Record<string, unknown>) =>
    trx.insertInto('auditEvents').values({ at: input.madeAt, actor: input.actor, debtorId: input.debtorId, conversationId: input.conversationId ?? null, code, data: JSON.stringify(data) }).execute();
  const cancelled = await trx
    .updateTable('promises')
    .set({ status: 'cancelled', updatedAt: input.madeAt, evaluatedAt: input.madeAt })
    .where('accountId', '=', input.accountId)
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  for (const row of cancelled) await audit('PROMISE.CANCELLED', { promiseId: row.id, reason: 'replaced' });
  const { id } = await trx
    .insertInto('promises')
    .values({
      accountId: input.accountId, amountMinor: input.amount.minor, currency: input.amount.currency, dueDate: input.dueDate, madeAt: input.madeAt,
      conversationId: input.conversationId ?? null, messageId: input.messageId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit('PROMISE.RECORDED', { promiseId: id, accountId: input.accountId, amountMinor: input.amount.minor, currency: input.amount.currency, dueDate: input.dueDate });
  return { promiseId: id };
}
