import type { Kysely } from 'kysely';
import type { ConversationRow, DB, OutboxPurpose } from '../../adapters/db/schema';

export interface AgentMessage {
  body: string;
  /** Set for the console's own fixed texts (e.g. 'console:joined'); null for what a person typed. */
  template: string | null;
  /** Who wrote it; null for a text in the bot's own voice (the hand-back notice), which the transcript shows as the bot's. */
  userId: string | null;
  now: Date;
  /** A WhatsApp approved template to send instead of the body (closed 24-hour window). */
  contentSid?: string;
  /** Which rules of the compliance gate apply (default 'agent'). */
  purpose?: OutboxPurpose;
}

/** One of the console's fixed texts to the debtor, in the language of the conversation (Spanish when unknown). Pure. */
export function inDebtorLanguage<T>(conversation: Pick<ConversationRow, 'session'>, texts: { es: T; en: T }): T {
  const locale = typeof conversation.session?.locale === 'string' ? conversation.session.locale : 'es';
  return locale.startsWith('en') ? texts.en : texts.es;
}

/**
 * Queues a message the console sends: an outbound message row (transcript, with who wrote it) and an outbox row
 * with purpose 'agent' (or the one given), so it goes out through the same sender, compliance gate and delivery
 * statuses as the bot's replies. Does I/O (in the caller's transaction).
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
      purpose: m.purpose ?? 'agent',
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
