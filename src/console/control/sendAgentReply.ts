import type { Kysely } from 'kysely';
import type { ConversationRow, DB } from '../../adapters/db/schema';
import type { ConsoleUser } from '../auth/consoleUsers';
import { controlFailure } from './controlResult';
import type { ControlResult } from './controlResult';
import { queueAgentMessage } from './queueAgentMessage';
import { auditConsoleAction, withLockedConversation } from './withLockedConversation';

const WINDOW_MS = 24 * 3_600_000;
export const MAX_REPLY_CHARS = 1600;

/** Whether free text may go to this conversation now: always, except WhatsApp (Twilio) past 24 h since the debtor's last message. Pure. */
export function isWindowOpen(conversation: Pick<ConversationRow, 'channel' | 'lastInboundAt'>, now: Date): boolean {
  if (conversation.channel !== 'whatsapp') return true;
  return conversation.lastInboundAt !== null && now.getTime() - conversation.lastInboundAt.getTime() < WINDOW_MS;
}

/**
 * Queues a reply the person who has the conversation wrote (purpose 'agent', through the outbox and its gate), or,
 * with `template`, the approved WhatsApp template that reopens a closed 24-hour window. Free text outside the
 * window is refused (CONSOLE.WINDOW_CLOSED) instead of looking sent and never arriving. Audited. Does I/O.
 */
export async function sendAgentReply(
  db: Kysely<DB>,
  input: { conversationId: string; user: ConsoleUser; body: string; now: Date; template?: { contentSid: string } },
): Promise<ControlResult> {
  const body = input.body.trim();
  if (!input.template && (body.length === 0 || body.length > MAX_REPLY_CHARS)) return controlFailure('CONSOLE.INVALID_INPUT', `a reply has 1 to ${MAX_REPLY_CHARS} characters`);
  return withLockedConversation(db, input.conversationId, async (trx, conversation) => {
    if (conversation.status !== 'active') return controlFailure('CONSOLE.CONVERSATION_ENDED', 'this conversation has ended');
    if (conversation.takenBy !== input.user.id) return controlFailure('CONSOLE.NOT_YOURS', 'take over the conversation before replying');
    if (!input.template && !isWindowOpen(conversation, input.now)) {
      return controlFailure('CONSOLE.WINDOW_CLOSED', "WhatsApp's 24-hour window is closed: only an approved template can be sent");
    }
    const message = input.template
      ? { body: `[WhatsApp template ${input.template.contentSid}]`, template: 'console:reopen', contentSid: input.template.contentSid }
      : { body, template: null };
    const messageId = await queueAgentMessage(trx, conversation, { ...message, userId: input.user.id, now: input.now });
    await trx.updateTable('conversations').set({ updatedAt: input.now }).where('id', '=', conversation.id).execute();
    await auditConsoleAction(trx, conversation, input.user.id, input.now, input.template ? 'CONSOLE.TEMPLATE_SENT' : 'CONSOLE.REPLIED', { messageId });
    return { ok: true };
  });
}
