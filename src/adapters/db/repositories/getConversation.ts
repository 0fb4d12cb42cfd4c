import type { Kysely } from 'kysely';
import type { ConversationRow, DB, MessageRow } from '../schema';
import { messageColumns } from '../schema';

/** One conversation with its transcript in order; undefined when unknown. Does I/O. */
export async function getConversation(db: Kysely<DB>, id: string): Promise<(ConversationRow & { messages: MessageRow[] }) | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const conversation = await db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!conversation) return undefined;
  const messages = await db.selectFrom('messages').select(messageColumns).where('conversationId', '=', id).orderBy('position').execute();
  return { ...conversation, messages };
}
