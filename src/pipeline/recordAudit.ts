import type { Kysely } from 'kysely';
import type { ConversationRow, DB } from '../adapters/db/schema';

/** Appends one audit event for a conversation (ids and codes only, never bodies or personal data). Does I/O. */
export async function recordAudit(
  trx: Kysely<DB>,
  conversation: Pick<ConversationRow, 'id' | 'debtorId'>,
  now: Date,
  code: string,
  data: Record<string, unknown> = {},
  actor = 'pipeline',
): Promise<void> {
  await trx
    .insertInto('auditEvents')
    .values({ at: now, actor, conversationId: conversation.id, debtorId: conversation.debtorId, code, data: JSON.stringify(data) })
    .execute();
}
