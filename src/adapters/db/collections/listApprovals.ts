import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import type { ApprovalStatus } from './collectionsTables';

export interface ApprovalListFilters {
  status?: ApprovalStatus;
  limit: number;
  /** Keyset cursor: the id of the last row of the previous page. */
  after?: string;
}

export interface ApprovalListItem {
  id: string;
  status: ApprovalStatus;
  debtor: { externalId: string; firstName: string; lastName: string };
  /** External account id (CSV account_id). */
  accountId: string | null;
  conversationId: string | null;
  /** What the debtor asked for and why it is outside policy (ApprovalRequest: kind, reason, requested, counterProposal, policy…). */
  request: Record<string, unknown>;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** Lists approval requests oldest first (a queue), optionally by status, with keyset paging. Does I/O. */
export async function listApprovals(db: Kysely<DB>, filters: ApprovalListFilters): Promise<ApprovalListItem[]> {
  let query = db
    .selectFrom('approvalRequests')
    .innerJoin('debtors', 'debtors.id', 'approvalRequests.debtorId')
    .leftJoin('accounts', 'accounts.id', 'approvalRequests.accountId')
    .selectAll('approvalRequests')
    .select(['debtors.externalId as debtorExternalId', 'debtors.firstName', 'debtors.lastName', 'accounts.externalId as accountExternalId']);
  if (filters.status) query = query.where('approvalRequests.status', '=', filters.status);
  if (filters.after) {
    query = query.where(sql<boolean>`(approval_requests.created_at, approval_requests.id) > (SELECT created_at, id FROM approval_requests WHERE id = ${filters.after})`);
  }
  const rows = await query.orderBy('approvalRequests.createdAt').orderBy('approvalRequests.id').limit(filters.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    debtor: { externalId: r.debtorExternalId, firstName: r.firstName, lastName: r.lastName },
    accountId: r.accountExternalId,
    conversationId: r.conversationId,
    request: r.payload,
    createdAt: r.createdAt.toISOString(),
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
  }));
}
