import type { Kysely } from 'kysely';
import type { ChannelKind } from '../../../ports/channel';
import type { DB, MessageRow } from '../schema';
import { messageColumns } from '../schema';

/**
 * Messages of the open conversation of an address (e.g. a web simulator session), in order, optionally only
 * those after a message position the caller has seen. Does I/O.
 */
export async function listConversationMessages(
  db: Kysely<DB>,
  opts: { channel: ChannelKind; address: string; afterPosition?: string },
): Promise<MessageRow[]> {
  let query = db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversationId')
    .select(messageColumns.map((column) => `messages.${column}` as const))
    .where('conversations.channel', '=', opts.channel)
    .where('conversations.address', '=', opts.address);
  if (opts.afterPosition) query = query.where('messages.position', '>', opts.afterPosition);
  return query.orderBy('messages.position').execute();
}
