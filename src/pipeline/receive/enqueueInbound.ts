import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import type { InboundMessage } from './inboundMessage';
import { storeInboundMessages } from './storeInboundMessages';
import type { StoredInbound } from './storeInboundMessages';

export type { InboundMessage } from './inboundMessage';

/**
 * Stores one inbound message durably in the inbox before the webhook acknowledges it (storeInboundMessages of
 * one). Idempotent by (channel, providerMessageId): a redelivery returns the existing row with inserted=false.
 * The service batches concurrent webhooks with createInboundBatcher instead. Does I/O. Throws on a malformed
 * message (adapters parse provider input first, so that is a bug).
 */
export async function enqueueInbound(db: Kysely<DB>, msg: InboundMessage): Promise<StoredInbound> {
  const [stored] = await storeInboundMessages(db, [msg]);
  if (!stored) throw new Error('inbound message was not stored');
  return stored;
}
