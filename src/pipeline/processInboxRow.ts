import { sql } from 'kysely';
import type { InboxRow } from '../adapters/db/schema';
import { conversationLockKey } from './conversationLockKey';
import { handleInboundMessage } from './handleInboundMessage';
import { handleTimerEvent } from './handleTimerEvent';
import type { PipelineDeps } from './pipelineDeps';

export type ProcessOutcome = 'processed' | 'already_done' | 'deferred';

/**
 * Processes one claimed inbox row in ONE transaction: takes the conversation's advisory lock (serialising every
 * process), re-checks the row (a reclaimed lease may have been finished by another worker), handles the message
 * or timer, and marks the row done. Either all of it commits or none. Does I/O. Throws on bugs and DB errors;
 * the worker then releases the row for a retry.
 */
export async function processInboxRow(deps: PipelineDeps, claimed: InboxRow): Promise<ProcessOutcome> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${conversationLockKey(claimed.channel, claimed.fromAddress)}, 0))`.execute(trx);
    const row = await trx.selectFrom('inbox').selectAll().where('id', '=', claimed.id).forUpdate().executeTakeFirst();
    if (!row || row.status === 'done' || row.status === 'failed') return 'already_done';
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
      await trx.updateTable('inbox').set({ status: 'pending', lockedUntil: null }).where('id', '=', row.id).execute();
      return 'deferred';
    }
    const result = row.kind === 'timeout' ? await handleTimerEvent(trx, deps, row, now) : await handleInboundMessage(trx, deps, row, now);
    await trx.updateTable('inbox').set({ status: 'done', processedAt: now, lockedUntil: null, errorCode: null }).where('id', '=', row.id).execute();
    deps.logger.debug({ inboxId: row.id, conversationId: result.conversationId, replies: result.replies }, 'inbox row processed');
    return 'processed';
  });
}
