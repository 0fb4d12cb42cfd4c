import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';

export interface DeliveryStatusUpdate {
  providerMessageId: string;
  /** Provider status as reported: queued, sent, delivered, read, failed, undelivered … */
  status: string;
  errorCode?: string;
}

type Tracked = 'sent' | 'delivered' | 'failed';
const RANK: Record<Tracked, number> = { sent: 1, delivered: 2, failed: 2 };
const TRACKED: readonly Tracked[] = ['sent', 'delivered', 'failed'];

/**
 * Applies a delivery status callback to the outbox row and message with that provider id. Callbacks arrive out
 * of order, so a status never moves backwards (delivered is not overwritten by a late 'sent'). Returns whether a
 * row changed. Does I/O.
 */
export async function updateDeliveryStatus(db: Kysely<DB>, update: DeliveryStatusUpdate): Promise<{ updated: boolean }> {
  const status = mapProviderStatus(update.status);
  if (!status) return { updated: false };
  const lower = TRACKED.filter((s) => RANK[s] < RANK[status]);
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('outbox')
      .set({ status, providerStatus: update.status, updatedAt: new Date(), ...(update.errorCode ? { errorCode: update.errorCode } : {}) })
      .where('providerMessageId', '=', update.providerMessageId)
      .where('status', 'in', ['sending', ...lower])
      .returning('messageId')
      .execute();
    const messageIds = rows.map((r) => r.messageId).filter((id): id is string => id !== null);
    if (messageIds.length > 0) await trx.updateTable('messages').set({ status }).where('id', 'in', messageIds).execute();
    return { updated: rows.length > 0 };
  });
}

function mapProviderStatus(status: string): Tracked | undefined {
  switch (status.toLowerCase()) {
    case 'accepted':
    case 'queued':
    case 'sending':
    case 'sent':
      return 'sent';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'failed':
    case 'undelivered':
      return 'failed';
    default:
      return undefined;
  }
}
