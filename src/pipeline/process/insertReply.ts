import type { Kysely } from 'kysely';
import type { ConversationRow, DB, OutboxPurpose } from '../../adapters/db/schema';

export interface ReplyInput {
  conversation: ConversationRow;
  inboxId: string;
  seq: number;
  body: string;
  template: string | null;
  allowAfterOptOut: boolean;
  /** Which compliance rules the row gets (default 'reply': an answer to what the debtor just wrote). */
  purpose?: OutboxPurpose;
  now: Date;
}

/**
 * Writes one reply: an outbound message row (what the transcript and the web simulator show) and the outbox row
 * the sender delivers. unique(inbox_id, seq) makes a second write of the same reply fail. Does I/O.
 */
export async function insertReply(trx: Kysely<DB>, r: ReplyInput): Promise<void> {
  const message = await trx
    .insertInto('messages')
    .values({ conversationId: r.conversation.id, direction: 'out', body: r.body, template: r.template, inboxId: r.inboxId, status: 'pending', createdAt: r.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const outbox = await trx
    .insertInto('outbox')
    .values({
      conversationId: r.conversation.id,
      messageId: message.id,
      inboxId: r.inboxId,
      seq: r.seq,
      channel: r.conversation.channel,
      toAddress: r.conversation.address,
      body: r.body,
      template: r.template,
      allowAfterOptOut: r.allowAfterOptOut,
      ...(r.purpose ? { purpose: r.purpose } : {}),
      nextAttemptAt: r.now,
      createdAt: r.now,
      updatedAt: r.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('messages').set({ outboxId: outbox.id }).where('id', '=', message.id).execute();
}
