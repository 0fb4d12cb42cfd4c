import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';

export interface OpenDisputeInput {
  /** Internal account id (uuid). */
  accountId: string;
  debtorId: string;
  /** A code, never the debtor's words (e.g. not_mine, amount_wrong, already_paid, unspecified). */
  reasonCode?: string;
  now: Date;
  conversationId?: string | null;
  actor: string;
}

/**
 * Opens a dispute on an account and pauses collection on it (status disputed, paused_reason 'dispute') until a
 * supervisor resolves it; audited as DISPUTE.OPENED. An account with an open dispute gets no second one.
 * Returns the dispute id. Does I/O; run it inside the caller's transaction.
 */
export async function openDispute(trx: Kysely<DB>, input: OpenDisputeInput): Promise<{ disputeId: string; created: boolean }> {
  const open = await trx.selectFrom('disputes').select('id').where('accountId', '=', input.accountId).where('status', '=', 'open').executeTakeFirst();
  if (open) return { disputeId: open.id, created: false };
  const { id } = await trx
    .insertInto('disputes')
    .values({ accountId: input.accountId, conversationId: input.conversationId ?? null, reasonCode: input.reasonCode ?? 'unspecified' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('accounts').set({ status: 'disputed', pausedReason: 'dispute', updatedAt: input.now }).where('id', '=', input.accountId).execute();
  await trx
    .insertInto('auditEvents')
    .values({
      at: input.now, actor: input.actor, debtorId: input.debtorId, conversationId: input.conversationId ?? null, code: 'DISPUTE.OPENED',
      data: JSON.stringify({ disputeId: id, accountId: input.accountId, reasonCode: input.reasonCode ?? 'unspecified' }),
    })
    .execute();
  return { disputeId: id, created: true };
}
