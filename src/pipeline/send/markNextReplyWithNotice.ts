import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB, OutboxRow } from '../../adapters/db/schema';
import { recordAudit } from '../recordAudit';

/** Notice code of a reply that follows one which failed for good (outbox.notice). */
export const EARLIER_FAILED_NOTICE = 'DELIVERY.EARLIER_FAILED';

/** The notice put before that reply, by language (the debtor's locale; Spanish when unknown). */
const NOTICE_TEXT: Record<string, string> = {
  es: '(No pudimos entregarte nuestro mensaje anterior.)',
  en: '(We could not deliver our previous message.)',
};

/** The notice sentence for a locale such as es-CO or en-US. Pure. */
export function earlierFailedNotice(locale: string | null | undefined): string {
  const language = (locale ?? 'es').slice(0, 2).toLowerCase();
  return NOTICE_TEXT[language] ?? NOTICE_TEXT.es ?? '';
}

/**
 * Makes a final failure visible and keeps the conversation readable, inside the caller's transaction: an audit event
 * OUTBOX.FAILED (codes and ids only), and the conversation's next waiting reply, if any, gets the notice put before its
 * text (stored on the outbox row and its message, so the transcript shows what the debtor got). The failed reply is
 * not resent; the ones after it go out in order, the first of them saying that one is missing. Does I/O.
 */
export async function markNextReplyWithNotice(
  trx: Kysely<DB>,
  row: OutboxRow,
  failure: { errorCode: string; reason: string },
  now: Date,
): Promise<{ noticeOn?: string }> {
  const conversation = await trx
    .selectFrom('conversations')
    .leftJoin('debtors', 'debtors.id', 'conversations.debtorId')
    .select(['conversations.id', 'conversations.debtorId', 'debtors.locale'])
    .where('conversations.id', '=', row.conversationId)
    .executeTakeFirst();
  const notice = earlierFailedNotice(conversation?.locale);
  const next = await sql<{ id: string; messageId: string | null }>`
    UPDATE outbox SET notice = ${EARLIER_FAILED_NOTICE}, body = ${notice} || E'\\n' || body, updated_at = ${now}
    WHERE id = (
      SELECT id FROM outbox
      WHERE conversation_id = ${row.conversationId} AND position > ${row.position} AND status = 'pending' AND notice IS NULL
      ORDER BY position LIMIT 1)
    RETURNING id, message_id AS "messageId"`.execute(trx);
  const marked = next.rows[0];
  if (marked?.messageId) {
    await trx.updateTable('messages').set((eb) => ({ body: sql<string>`${notice} || E'\\n' || ${eb.ref('body')}` })).where('id', '=', marked.messageId).execute();
  }
  if (conversation) {
    await recordAudit(trx, { id: conversation.id, debtorId: conversation.debtorId }, now, 'OUTBOX.FAILED', {
      outboxId: row.id,
      errorCode: failure.errorCode,
      reason: failure.reason,
      attempts: row.attempts,
      ...(marked ? { noticeOn: marked.id } : {}),
    }, 'outbox');
  }
  return marked ? { noticeOn: marked.id } : {};
}
