import type { Kysely } from 'kysely';
import type { ConversationRow, DB } from '../../adapters/db/schema';
import { parseStoredSession } from '../../pipeline/process/parseStoredSession';
import type { FlowSource } from '../../ports/flowSource';
import type { ConsoleUser } from '../auth/consoleUsers';
import { controlFailure } from './controlResult';
import type { ControlResult } from './controlResult';
import { inDebtorLanguage, queueAgentMessage } from './queueAgentMessage';
import { auditConsoleAction, withLockedConversation } from './withLockedConversation';

/** The states a conversation on this flow version may be handed back to: every state that is not final. Pure. */
export function handBackStates(flows: FlowSource, session: unknown): string[] {
  const stored = parseStoredSession(session);
  if (!stored) return [];
  const flow = flows.get(stored.flowId, stored.flowVersion) ?? flows.current(stored.flowId);
  return flow ? [...flow.states.values()].filter((s) => !s.final).map((s) => s.id) : [];
}

/** What the debtor reads when a person hands the conversation back to the bot, by language. */
const HANDED_BACK = {
  es: 'Gracias por tu paciencia. Desde ahora te atiende de nuevo el asistente virtual: escríbeme cuando quieras seguir.',
  en: "Thanks for your patience. You're back with our virtual assistant: write whenever you want to continue.",
};

/** The debtor wrote this recently: a notice now answers the conversation they are in (and an hour of WhatsApp's window is left to send it). */
const NOTICE_WITHIN_MS = 23 * 3_600_000;

/** Whether handing back at `now` tells the debtor the assistant is back. Pure. */
export function noticeOnHandBack(conversation: Pick<ConversationRow, 'lastInboundAt'>, now: Date): boolean {
  return conversation.lastInboundAt !== null && now.getTime() - conversation.lastInboundAt.getTime() < NOTICE_WITHIN_MS;
}

/**
 * Hands the conversation back to the bot at `state` (e.g. menu): the session moves there (active, attempts reset),
 * handoff = false (the trigger clears who had it), under the conversation's lock, so the next message is the bot's
 * to answer in that state. When the debtor wrote in the last 23 hours they are told, in the bot's voice, that the
 * assistant is back (an outbox row with purpose 'reply': the gate's opt-out, consent and WhatsApp-window rules
 * apply); later, a notice would be a new proactive contact saying nothing they need, so none is sent and the bot
 * answers whenever they write. Audited, with whether the notice was queued. Does I/O.
 */
export async function handBackConversation(db: Kysely<DB>, flows: FlowSource, input: { conversationId: string; user: ConsoleUser; state: string; now: Date }): Promise<ControlResult> {
  return withLockedConversation(db, input.conversationId, async (trx, conversation) => {
    if (conversation.status !== 'active') return controlFailure('CONSOLE.CONVERSATION_ENDED', 'this conversation has ended');
    if (!conversation.handoff) return controlFailure('CONSOLE.NOT_WITH_PERSON', 'the bot already has this conversation');
    const session = conversation.session;
    const stored = parseStoredSession(session);
    if (!stored || !session) return controlFailure('CONSOLE.UNKNOWN_STATE', 'this conversation has no bot session to resume');
    if (!handBackStates(flows, session).includes(input.state)) return controlFailure('CONSOLE.UNKNOWN_STATE', `'${input.state}' is not a state the bot can resume in`);
    const resumed = { ...session, state: input.state, status: 'active', attempts: {} };
    await trx
      .updateTable('conversations')
      .set({ handoff: false, session: JSON.stringify(resumed), state: input.state, updatedAt: input.now })
      .where('id', '=', conversation.id)
      .execute();
    const notice = noticeOnHandBack(conversation, input.now);
    if (notice) await queueAgentMessage(trx, conversation, { body: inDebtorLanguage(conversation, HANDED_BACK), template: 'console:handed_back', userId: null, purpose: 'reply', now: input.now });
    await auditConsoleAction(trx, conversation, input.user.id, input.now, 'CONSOLE.HANDED_BACK', { from: stored.state, to: input.state, notice });
    return { ok: true };
  });
}

/** Closes the conversation (ended; the debtor's next message opens a new one with the bot). Audited. Does I/O. */
export async function closeConversation(db: Kysely<DB>, input: { conversationId: string; user: ConsoleUser; now: Date }): Promise<ControlResult> {
  return withLockedConversation(db, input.conversationId, async (trx, conversation) => {
    if (conversation.status === 'ended') return { ok: true };
    await trx.updateTable('conversations').set({ status: 'ended', handoff: false, updatedAt: input.now }).where('id', '=', conversation.id).execute();
    await trx.deleteFrom('scheduledTimers').where('conversationId', '=', conversation.id).execute();
    await auditConsoleAction(trx, conversation, input.user.id, input.now, 'CONSOLE.CLOSED', { state: conversation.state });
    return { ok: true };
  });
}
