import type { Kysely } from 'kysely';
import type { DB } from '../../src/adapters/db/schema';

/**
 * Every message of every conversation held with `address` (in and out), in conversation order, with the columns
 * the pipeline tests check: direction, body, template and the inbox row that caused it. Reads the database.
 */
export async function listAddressMessages(db: Kysely<DB>, address: string) {
  return db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversationId')
    .select(['messages.direction', 'messages.body', 'messages.template', 'messages.inboxId'])
    .where('conversations.address', '=', address)
    .orderBy('messages.position')
    .execute();
}
