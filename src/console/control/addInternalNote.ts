import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import type { ConsoleUser } from '../auth/consoleUsers';
import { controlFailure } from './controlResult';
import type { ControlResult } from './controlResult';
import { auditConsoleAction, withLockedConversation } from './withLockedConversation';

/** Stores an internal note on the conversation: never sent, no outbox row; audited without its text. Does I/O. */
export async function addInternalNote(db: Kysely<DB>, input: { conversationId: string; user: ConsoleUser; body: string; now: Date }): Promise<ControlResult> {
  const body = input.body.trim();
  if (body.length === 0 || body.length > 4000) return controlFailure('CONSOLE.INVALID_INPUT', 'a note has 1 to 4000 characters');
  return withLockedConversation(db, input.conversationId, async (trx, conversation) => {
    const note = await trx.insertInto('conversationNotes').values({ conversationId: conversation.id, authorId: input.user.id, body, createdAt: input.now }).returning('id').executeTakeFirstOrThrow();
    await auditConsoleAction(trx, conversation, input.user.id, input.now, 'CONSOLE.NOTE_ADDED', { noteId: note.id });
    return { ok: true };
  });
}
