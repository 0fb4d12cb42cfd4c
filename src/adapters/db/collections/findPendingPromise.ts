import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import type { PromiseRecord } from './accountRecord';
import { toMinor } from './toMinor';

/** The account's pending promise-to-pay (at most one), or undefined. Does I/O. */
export async function findPendingPromise(trx: Kysely<DB>, accountId: string): Promise<PromiseRecord | undefined> {
  const row = await trx.selectFrom('promises').selectAll().where('accountId', '=', accountId).where('status', '=', 'pending').executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    accountId: row.accountId,
    amount: { minor: toMinor(row.amountMinor), currency: row.currency },
    dueDate: row.dueDate,
    madeAt: row.madeAt,
    status: row.status,
    paid: { minor: toMinor(row.paidMinor), currency: row.currency },
    conversationId: row.conversationId,
  };
}
