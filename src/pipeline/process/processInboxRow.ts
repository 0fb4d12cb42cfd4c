import type { InboxRow } from '../../adapters/db/schema';
import { conversationLockId } from './conversationLockId';
import { handleSystemEvent } from './handleSystemEvent';
import { handleTimerEvent } from './handleTimerEvent';
import type { PipelineDeps } from '../pipelineDeps';
import { withConversationTransaction } from './withConversationTransaction';

export type ProcessOutcome = 'processed' | 'already_done' | 'deferred';

/**
 * Processes one claimed timeout row (a fired inactivity timer) or event row (a system event such as
 * payment_received) in ONE transaction under the conversation's
 * advisory lock: re-checks the row (a reclaimed lease may have been finished by another worker) and that no older
 * row of the address is open, steps the engine and marks the row done. Message rows go through
 * processConversationBatch. Does I/O. Throws on bugs and DB errors; the worker then releases the row for a retry.
 */
export async function processInboxRow(deps: PipelineDeps, claimed: InboxRow): Promise<ProcessOutcome> {
  const now = deps.clock.now();
  return withConversationTransaction(deps.db, [conversationLockId(claimed.channel, claimed.fromAddress)], async (trx) => {
    const row = await trx.selectFrom('inbox').selectAll().where('id', '=', claimed.id).forUpdate().executeTakeFirst();
    if (!row || row.status !== 'processing') return 'already_done';
    const earlier = await trx
      .selectFrom('inbox')
      .select('id')
      .where('channel', '=', row.channel)
      .where('fromAddress', '=', row.fromAddress)
      .where('status', 'in', ['pending', 'processing'])
      .where('seq', '<', row.seq)
      .executeTakeFirst();
    if (earlier) {
      // An older message of this address became visible after the claim: put this one back, keep the order.
      await trx.updateTable('inbox').set((eb) => ({ status: 'pending', lockedUntil: null, attempts: eb('attempts', '-', 1) })).where('id', '=', row.id).execute();
      return 'deferred';
    }
    const result = row.kind === 'event' ? await handleSystemEvent(trx, deps, row, now) : await handleTimerEvent(trx, deps, row, now);
    await trx.updateTable('inbox').set({ status: 'done', processedAt: now, lockedUntil: null, errorCode: null }).where('id', '=', row.id).execute();
    deps.logger.debug({ inboxId: row.id, kind: row.kind, conversationId: result.conversationId, replies: result.replies }, 'inbox row processed');
    return 'processed';
  });
}
