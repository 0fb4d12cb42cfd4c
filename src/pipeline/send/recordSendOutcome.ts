import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, OutboxRow, OutboxStatus } from '../../adapters/db/schema';
import { markNextReplyWithNotice } from './markNextReplyWithNotice';

export interface SendOutcome {
  status: Extract<OutboxStatus, 'pending' | 'sent' | 'delivered' | 'failed' | 'dropped'>;
  providerMessageId?: string;
  providerStatus?: string;
  errorCode?: string;
  nextAttemptAt?: Date;
  /** When the provider was first called for this row (kept once set); the retry budget runs from it. */
  firstAttemptAt?: Date;
  /** Since when an attempt may have been accepted unrecorded; null once the outcome is known. Absent: unchanged. */
  unconfirmedSince?: Date | null;
  /** Why a 'failed' row is final: PERMANENT or RETRY_BUDGET_EXHAUSTED (audited). */
  finalReason?: string;
  /** The compliance gate's reason while the row is held; any outcome without one clears it. */
  holdReason?: string | null;
  /** The attempt count to store (the gate gives back the attempt a held row's claim counted). */
  attempts?: number;
}

/**
 * Records what happened to a claimed outbox row and mirrors it on its message row, in one statement. Only the
 * claim that is still current may write (status 'sending' with the same attempt count), so a sender whose lease
 * was taken over cannot overwrite the newer outcome. A final failure is audited and gives the conversation's next
 * reply a notice (markNextReplyWithNotice), in the same transaction. Returns false when the claim was stale. Does I/O.
 */
export async function recordSendOutcome(db: Kysely<DB>, row: OutboxRow, outcome: SendOutcome, now: Date): Promise<boolean> {
  if (outcome.status !== 'failed') return (await updateOutboxAndMessage(db, row, outcome, now)) > 0;
  return db.transaction().execute(async (trx) => {
    if ((await updateOutboxAndMessage(trx, row, outcome, now)) === 0) return false;
    await markNextReplyWithNotice(trx, row, { errorCode: outcome.errorCode ?? 'OUTBOX.FAILED', reason: outcome.finalReason ?? 'PERMANENT' }, now);
    return true;
  });
}

/**
 * One statement: the outbox row (if the claim is still current) and, through it, its message row. A proactive row
 * the outreach sweep queued has no message row yet (writing 75 000 transcript rows, each through the console's
 * full-text index, was most of a sweep's time): its transcript row is written here, the first time the sender
 * handles it, with what was sent (or held, or dropped) and that status. Returns the number of outbox rows updated
 * (0 or 1).
 */
async function updateOutboxAndMessage(db: Kysely<DB>, row: OutboxRow, outcome: SendOutcome, now: Date): Promise<number> {
  const transcript = row.messageId === null && row.purpose === 'proactive' ? randomUUID() : null;
  const result = await db
    .with('updated', (qb) =>
      qb
        .updateTable('outbox')
        .set((eb) => ({
          status: outcome.status,
          lockedUntil: null,
          claimedBy: null,
          updatedAt: now,
          errorCode: outcome.errorCode ?? null,
          ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId, sentAt: now } : {}),
          ...(outcome.providerStatus ? { providerStatus: outcome.providerStatus } : {}),
          ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
          ...(outcome.firstAttemptAt ? { firstAttemptAt: eb.fn.coalesce('firstAttemptAt', eb.val(outcome.firstAttemptAt)) } : {}),
          ...(outcome.unconfirmedSince !== undefined ? { unconfirmedSince: outcome.unconfirmedSince } : {}),
          // Only the compliance gate holds a row; any other outcome (sent, retried, failed) ends the hold.
          holdReason: outcome.holdReason ?? null,
          ...(outcome.attempts !== undefined ? { attempts: outcome.attempts } : {}),
          ...(transcript ? { messageId: transcript } : {}),
        }))
        .where('id', '=', row.id)
        .where('status', '=', 'sending')
        .where('attempts', '=', row.attempts)
        .returning(['id', 'messageId', 'conversationId', 'body', 'template']),
    )
    .with('transcribed', (qb) =>
      qb
        .insertInto('messages')
        .columns(['id', 'conversationId', 'direction', 'body', 'template', 'outboxId', 'status', 'providerMessageId', 'createdAt'])
        .expression((eb) =>
          eb
            .selectFrom('updated')
            .select((s) => [
              'messageId',
              'conversationId',
              s.val('out').as('direction'),
              'body',
              'template',
              'id',
              s.val(outcome.status).as('status'),
              s.val(outcome.providerMessageId ?? null).as('providerMessageId'),
              s.val(now).as('createdAt'),
            ])
            // Only the message this statement set (none when `transcript` is null: `= NULL` matches no row).
            .where('messageId', '=', transcript),
        )
        .returning('messages.id'),
    )
    .with('mirrored', (qb) =>
      qb
        .updateTable('messages')
        .set({ status: outcome.status, ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}) })
        .where('id', 'in', (eb) => eb.selectFrom('updated').select('messageId').where('messageId', 'is not', null))
        .returning('messages.id'),
    )
    .selectFrom('updated')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(result.n);
}
