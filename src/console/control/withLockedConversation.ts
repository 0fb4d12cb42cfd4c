import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ConversationRow, DB } from '../../adapters/db/schema';
import { conversationLockId } from '../../pipeline/process/conversationLockId';
import { controlFailure } from './controlResult';
import type { ControlResult } from './controlResult';

/**
 * Runs `fn` in one transaction holding the conversation's advisory lock, the same lock every worker process takes
 * before it processes a message, fires a timer or delivers an event for that address. So a console action waits for
 * the message being processed right now, and every later one sees what the action wrote (handoff = true: silence).
 * The row is read again under the lock. Answers CONSOLE.NOT_FOUND for an unknown id. Does I/O.
 */
export async function withLockedConversation(db: Kysely<DB>, conversationId: string, fn: (trx: Kysely<DB>, conversation: ConversationRow) => Promise<ControlResult>): Promise<ControlResult> {
  if (!/^[0-9a-f-]{36}$/i.test(conversationId)) return controlFailure('CONSOLE.NOT_FOUND', `no conversation ${conversationId}`);
  const address = await db.selectFrom('conversations').select(['channel', 'address']).where('id', '=', conversationId).executeTakeFirst();
  if (!address) return controlFailure('CONSOLE.NOT_FOUND', `no conversation ${conversationId}`);
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${String(conversationLockId(address.channel, address.address))}::bigint)`.execute(trx);
    const conversation = await trx.selectFrom('conversations').selectAll().where('id', '=', conversationId).forUpdate().executeTakeFirstOrThrow();
    return fn(trx, conversation);
  });
}

/** Appends a console audit event: actor `console:<userId>`, ids and codes only. Does I/O. */
export async function auditConsoleAction(trx: Kysely<DB>, conversation: Pick<ConversationRow, 'id' | 'debtorId'>, userId: string, now: Date, code: string, data: Record<string, unknown> = {}): Promise<void> {
  await trx
    .insertInto('auditEvents')
    .values({ at: now, actor: `console:${userId}`, conversationId: conversation.id, debtorId: conversation.debtorId, code, data: JSON.stringify({ userId, ...data }) })
    .execute();
}
