import type { Kysely } from 'kysely';
import type { ConversationRow, DB } from '../../adapters/db/schema';

export interface AgentMessage {
  body: string;
  /** Set for the console's own fixed texts (e.g. 'console:joined'); null for what a person typed. */
  template: string | null;
  userId: string;
  now: Date;
  /** A WhatsApp approved template to send instead of the body (closed 24-hour window). */
  contentSid?: string;
}

/**
 * Queues a message written in the console: an outbound message row (transcript, with who wrote it) and an outbox
 * row with purpose 'agent', so it goes out through the same sender, compliance gate and delivery statuses as the
 * bot's replies. Does I/O (in the caller's transaction).
 */
export async function queueAgentMessage(trx: Kysely<DB>, conversation: ConversationRow, m: AgentMessage): Promise<string> {
  const message = await trx
    .insertInto('messages')
    .values({ conversationId: conversation.id, direction: 'out', body: m.body, template: m.template, status: 'pending', sentBy: m.userId, createdAt: m.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const outbox = await trx
    .insertInto('outbox')
    .values({
      conversationId: conversation.id,
      messageId: message.id,
      channel: conversation.channel,
      toAddress: conversation.address,
      body: m.body,
      template: m.template,
      purpose: 'agent',
      contentSid: m.contentSid ?? null,
      nextAttemptAt: m.now,
      createdAt: m.now,
      updatedAt: m.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('messages').set({ outboxId: outbox.id }).where('id', '=', message.id).execute();
  return message.id;
}
