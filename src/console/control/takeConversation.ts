import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import type { ConsoleUser } from '../auth/consoleUsers';
import { controlFailure } from './controlResult';
import type { ControlResult } from './controlResult';
import { inDebtorLanguage, queueAgentMessage } from './queueAgentMessage';
import { auditConsoleAction, withLockedConversation } from './withLockedConversation';

/** What the debtor who asked for a person reads when one takes the conversation, by language. */
const JOINED = {
  es: (name: string) => `Hola, te escribe ${name}, del equipo. Desde ahora te atiendo yo.`,
  en: (name: string) => `Hi, this is ${name} from our team. I'm taking it from here.`,
};

/**
 * Gives the conversation to `assignee` (the user taking it, or a colleague it is assigned to), under the
 * conversation's lock: handoff = true (the bot is silent from now on, in every worker), taken_by/taken_at set,
 * the bot's replies not yet sent are dropped (error_code CONSOLE.TAKEN_OVER) and its timers removed. When the
 * debtor was waiting for a person, they are told one has joined (an 'agent' outbox row). Audited with who did it.
 * Fails when the conversation ended, or a colleague has it and `reassign` is false. Does I/O.
 */
export async function takeConversation(
  db: Kysely<DB>,
  input: { conversationId: string; actor: ConsoleUser; assignee: ConsoleUser; reassign: boolean; now: Date },
): Promise<ControlResult> {
  const { actor, assignee, now } = input;
  return withLockedConversation(db, input.conversationId, async (trx, conversation) => {
    if (conversation.status !== 'active') return controlFailure('CONSOLE.CONVERSATION_ENDED', 'this conversation has ended');
    if (conversation.takenBy === assignee.id) return { ok: true };
    if (conversation.takenBy && !input.reassign) return controlFailure('CONSOLE.TAKEN_BY_OTHER', 'a colleague already has this conversation');
    const wasWaiting = conversation.handoff && conversation.takenBy === null;
    await trx.updateTable('conversations').set({ handoff: true, takenBy: assignee.id, takenAt: now, updatedAt: now }).where('id', '=', conversation.id).execute();
    const dropped = await trx
      .updateTable('outbox')
      .set({ status: 'dropped', errorCode: 'CONSOLE.TAKEN_OVER', updatedAt: now })
      .where('conversationId', '=', conversation.id)
      .where('status', '=', 'pending')
      .where('purpose', '<>', 'agent')
      .returning('id')
      .execute();
    if (dropped.length > 0) await trx.updateTable('messages').set({ status: 'dropped' }).where('outboxId', 'in', dropped.map((d) => d.id)).execute();
    await trx.deleteFrom('scheduledTimers').where('conversationId', '=', conversation.id).execute();
    const code = assignee.id === actor.id ? 'CONSOLE.TAKEN_OVER' : 'CONSOLE.ASSIGNED';
    await auditConsoleAction(trx, conversation, actor.id, now, code, { assigneeId: assignee.id, previousId: conversation.takenBy, wasWaiting, droppedReplies: dropped.length });
    if (wasWaiting) await queueAgentMessage(trx, conversation, { body: inDebtorLanguage(conversation, JOINED)(assignee.name), template: 'console:joined', userId: assignee.id, now });
    return { ok: true };
  });
}
