import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Money } from '../../../core/collections/money/money';
import type { DB } from '../schema';
import type { InstallmentStatus, PlanStatus } from './collectionsTables';
import { toMinor, toMinorOrNull } from './toMinor';

export interface PlanListFilters {
  status?: PlanStatus;
  /** External account id (CSV account_id). */
  accountId?: string;
  /** External debtor id. */
  debtorId?: string;
  limit: number;
  /** Keyset cursor: the id of the last row of the previous page; rows after it in (createdAt, id) order. */
  before?: string;
}

export interface PlanListItem {
  id: string;
  accountId: string;
  debtorId: string;
  status: PlanStatus;
  total: Money;
  downPayment: Money | null;
  count: number;
  frequency: string;
  firstDueDate: string;
  lastDueDate: string;
  installments: Array<{ number: number; kind: string; amount: Money; dueDate: string; paid: Money; status: InstallmentStatus }>;
  conversationId: string | null;
  createdAt: string;
}

/** Lists payment plans with their installments, newest first, with optional filters and keyset paging. Does I/O. */
export async function listPlans(db: Kysely<DB>, filters: PlanListFilters): Promise<PlanListItem[]> {
  let query = db
    .selectFrom('plans')
    .innerJoin('accounts', 'accounts.id', 'plans.accountId')
    .innerJoin('debtors', 'debtors.id', 'accounts.debtorId')
    .selectAll('plans')
    .select(['accounts.externalId as accountExternalId', 'debtors.externalId as debtorExternalId']);
  if (filters.status) query = query.where('plans.status', '=', filters.status);
  if (filters.accountId) query = query.where('accounts.externalId', '=', filters.accountId);
  if (filters.debtorId) query = query.where('debtors.externalId', '=', filters.debtorId);
  if (filters.before) {
    query = query.where(sql<boolean>`(plans.created_at, plans.id) < (SELECT created_at, id FROM plans WHERE id = ${filters.before})`);
  }
  const plans = await query.orderBy('plans.createdAt', 'desc').orderBy('plans.id', 'desc').limit(filters.limit).execute();
  const ids = plans.map((p) => p.id);
  const installments = ids.length === 0 ? [] : await db.selectFrom('planInstallments').selectAll().where('planId', 'in', ids).orderBy('dueDate').orderBy('number').execute();
  return plans.map((p) => {
    const money = (minor: string) => ({ minor: toMinor(minor), currency: p.currency });
    const down = toMinorOrNull(p.downPaymentMinor);
    return {
      id: p.id,
      accountId: p.accountExternalId,
      debtorId: p.debtorExternalId,
      status: p.status,
      total: money(p.totalMinor),
      downPayment: down === null ? null : { minor: down, currency: p.currency },
      count: p.installmentCount,
      frequency: p.frequency,
      firstDueDate: p.firstDueDate,
      lastDueDate: p.lastDueDate,
      installments: installments
        .filter((i) => i.planId === p.id)
        .map((i) => ({ number: i.number, kind: i.kind, amount: money(i.amountMinor), dueDate: i.dueDate, paid: money(i.paidMinor), status: i.status })),
      conversationId: p.conversationId,
      createdAt: p.createdAt.toISOString(),
    };
  });
}
