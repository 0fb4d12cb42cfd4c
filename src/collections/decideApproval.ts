import type { Kysely } from 'kysely';
import type { ApprovalStatus } from '../adapters/db/collections/collectionsTables';
import type { DB } from '../adapters/db/schema';
import { fail, type Result } from '../core/collections/result';

export interface ApprovalDecisionInput {
  approvalId: string;
  decision: 'approved' | 'rejected';
  /** Who decided, from the API token: `supervisor:ana`, `admin`… */
  decidedBy: string;
  now: Date;
}

export interface ApprovalDecision {
  id: string;
  status: ApprovalStatus;
  decidedBy: string;
  decidedAt: string;
  /** The conversation told about it (approval_granted / approval_denied), if the request came from one. */
  conversationId: string | null;
}

/**
 * Records a supervisor's decision on a pending approval request, in one transaction: status, decided_by and
 * decided_at, an audit event (APPROVAL.APPROVED / APPROVAL.REJECTED, actor = decidedBy), and a collection event
 * approval_granted / approval_denied for the conversation the request came from, which the pipeline delivers as a
 * system event. Nothing is accepted on the debtor's behalf: the flow tells them and carries on. Fails with
 * APPROVAL.NOT_FOUND or APPROVAL.DECISION_CONFLICT (already decided). Does I/O.
 */
export async function decideApproval(db: Kysely<DB>, input: ApprovalDecisionInput): Promise<Result<ApprovalDecision>> {
  return db.transaction().execute(async (trx): Promise<Result<ApprovalDecision>> => {
    const request = await trx
      .selectFrom('approvalRequests')
      .select(['id', 'status', 'debtorId', 'accountId', 'conversationId'])
      .where('id', '=', input.approvalId)
      .forUpdate()
      .executeTakeFirst();
    if (!request) return fail('APPROVAL.NOT_FOUND', `no approval request ${input.approvalId}`);
    if (request.status !== 'pending') return fail('APPROVAL.DECISION_CONFLICT', `approval request ${input.approvalId} was already ${request.status}`);
    await trx
      .updateTable('approvalRequests')
      .set({ status: input.decision, decidedBy: input.decidedBy, decidedAt: input.now })
      .where('id', '=', request.id)
      .execute();
    const granted = input.decision === 'approved';
    await trx
      .insertInto('auditEvents')
      .values({
        at: input.now, actor: input.decidedBy, debtorId: request.debtorId, conversationId: request.conversationId,
        code: granted ? 'APPROVAL.APPROVED' : 'APPROVAL.REJECTED', data: JSON.stringify({ approvalRequestId: request.id, accountId: request.accountId }),
      })
      .execute();
    if (request.conversationId) {
      await trx
        .insertInto('collectionEvents')
        .values({
          name: granted ? 'approval_granted' : 'approval_denied', refId: request.id, debtorId: request.debtorId, conversationId: request.conversationId,
          data: JSON.stringify({ approvalRequestId: request.id, decision: input.decision }),
        })
        .onConflict((oc) => oc.columns(['name', 'refId']).doNothing())
        .execute();
    }
    return {
      ok: true,
      value: { id: request.id, status: input.decision, decidedBy: input.decidedBy, decidedAt: input.now.toISOString(), conversationId: request.conversationId },
    };
  });
}
