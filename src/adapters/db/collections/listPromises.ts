import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Money } from '../../../core/collections/money/money';
import type { DB } from '../schema';
import type { StoredPromiseStatus } from './collectionsTables';
import { toMinor } from './toMinor';

export interface PromiseListFilters {
  status?: StoredPromiseStatus;
  /** External account id (CSV account_id). */
  accountId?: string;
  /** External debtor id. */
  debtorId?: string;
  limit: number;
  /** Keyset cursor: the id of the last row of the previous page; rows after it in (createdAt, id) order. */
  before?: string;
}

export interface PromiseListItem {
  id: string;
  accountId: string;
  debtorId: string;
  amount: Money;
  paid: Money;
  dueDate: string;
  madeAt: string;
  status: StoredPromiseStatus;
  conversationId: string | null;
  createdAt: string;
}

/** Lists promises-to-pay, newest first, with optional status/account/debtor filters and keyset paging. Does I/O. */
export async function listPromises(db: Kysely<DB>, filters: PromiseListFilters): Promise<PromiseListItem[]> {
  let query = db
    .selectFrom('promises')
    .innerJoin('accounts', 'accounts.id', 'promises.accountId')
    .innerJoin('debtors', 'debtors.id', 'accounts.debtorId')
    .selectAll('promises')
    .select(['accounts.externalId as accountExternalId', 'debtors.externalId as debtorExternalId']);
  if (filters.status) query = query.where('promises.status', '=', filters.status);
  if (filters.accountId) query = query.where('accounts.externalId', '=', filters.accountId);
  if (filters.debtorId) query = query.where('debtors.externalId', '=', filters.debtorId);
  if (filters.before) {
    query = query.where(sql<boolean>`(promises.created_at, promises.id) < (SELECT created_at, id FROM promises WHERE id = ${filters.before})`);
  }
  const rows = await query.orderBy('promises.createdAt', 'desc').orderBy('promises.id', 'desc').limit(filters.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    accountId: r.accountExternalId,
    debtorId: r.debtorExternalId,
    amount: { minor: toMinor(r.amountMinor), currency: r.currency },
    paid: { minor: toMinor(r.paidMinor), currency: r.currency },
    dueDate: r.dueDate,
    madeAt: r.madeAt.toISOString(),
    status: r.status,
    conversationId: r.conversationId,
    createdAt: r.createdAt.toISOString(),
  }));
}
