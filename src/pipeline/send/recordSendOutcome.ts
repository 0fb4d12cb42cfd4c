import type { Kysely } from 'kysely';
import type { DB, OutboxRow, OutboxStatus } from '../../adapters/db/schema';

export interface SendOutcome {
  status: Extract<OutboxStatus, 'pending' | 'sent' | 'delivered' | 'failed' | 'dropped'>;
  providerMessageId?: string;
  providerStatus?: string;
  errorCode?: string;
  nextAttemptAt?: Date;
  /** The compliance gate's reason while the row is held; any outcome without one clears it. */
  holdReason?: string | null;
  /** The attempt count to store (the gate gives back the attempt a held row's claim counted). */
  attempts?: number;
}

/**
 * Records what happened to a claimed outbox row and mirrors it on its message row, in one transaction. Only the
 * claim that is still current may write (status 'sending' with the same attempt count), so a sender whose lease
 * was taken over cannot overwrite the newer outcome. Returns false when the claim was stale. Does I/O.
 */
export async function recordSendOutcome(db: Kysely<DB>, row: OutboxRow, outcome: SendOutcome, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('outbox')
      .set({
        status: outcome.status,
        lockedUntil: null,
        updatedAt: now,
        errorCode: outcome.errorCode ?? null,
        ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId, sentAt: now } : {}),
        ...(outcome.providerStatus ? { providerStatus: outcome.providerStatus } : {}),
        ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
        // Only the compliance gate holds a row; any other outcome (sent, retried, failed) ends the hold.
        holdReason: outcome.holdReason ?? null,
        ...(outcome.attempts !== undefined ? { attempts: outcome.attempts } : {}),
      })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .where('attempts', '=', row.attempts)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    if (row.messageId) {
      await trx
        .updateTable('messages')
        .set({ status: outcome.status, ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}) })
        .where('id', '=', row.messageId)
        .execute();
    }
    return true;
  });
}
