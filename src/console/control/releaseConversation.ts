import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import { parseStoredSession } from '../../pipeline/process/parseStoredSession';
import type { FlowSource } from '../../ports/flowSource';
import type { ConsoleUser } from '../auth/consoleUsers';
import { controlFailure } from './controlResult';
import type { ControlResult } from './controlResult';
import { auditConsoleAction, withLockedConversation } from './withLockedConversation';

/** The states a conversation on this flow version may be handed back to: every state that is not final. Pure. */
export function handBackStates(flows: FlowSource, session: unknown): string[] {
  const stored = parseStoredSession(session);
  if (!stored) return [];
  const flow = flows.get(stored.flowId, stored.flowVersion) ?? flows.current(stored.flowId);
  return flow ? [...flow.states.values()].filter((s) => !s.final).map((s) => s.id) : [];
}

/**
 * Hands the conversation back to the bot at `state` (e.g. menu): the session moves there (active, attempts reset),
 * handoff = false (the trigger clears who had it), under the conversation's lock, so the next message is the bot's
 * to answer in that state. Audited. Does I/O.
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
    await auditConsoleAction(trx, conversation, input.user.id, input.now, 'CONSOLE.HANDED_BACK', { from: stored.state, to: input.state });
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
