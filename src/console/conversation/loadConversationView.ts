import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';

/**
 * Everything the conversation page shows but the debtor panel: the conversation, its debtor, the transcript (with
 * delivery status, who wrote each console message, the outbox's error or hold reason), the internal notes and the
 * audit trail in write order. Undefined for an unknown id. Does I/O (five reads).
 */
export async function loadConversationView(db: Kysely<DB>, conversationId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(conversationId)) return undefined;
  const conversation = await db
    .selectFrom('conversations as c')
    .leftJoin('consoleUsers as u', 'u.id', 'c.takenBy')
    .select(['c.id', 'c.debtorId', 'c.channel', 'c.address', 'c.status', 'c.state', 'c.handoff', 'c.handoffAt', 'c.takenBy', 'c.takenAt', 'c.flowId', 'c.flowVersion', 'c.lastInboundAt', 'c.session', 'c.createdAt', 'c.updatedAt', 'u.name as takenByName'])
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) return undefined;
  const [debtor, messages, notes, audits] = await Promise.all([
    conversation.debtorId
      ? db.selectFrom('debtors').select(['id', 'externalId', 'firstName', 'lastName', 'country', 'locale', 'timezone', 'deceasedAt']).where('id', '=', conversation.debtorId).executeTakeFirst()
      : Promise.resolve(undefined),
    db
      .selectFrom('messages as m')
      .leftJoin('outbox as o', 'o.id', 'm.outboxId')
      .leftJoin('consoleUsers as u', 'u.id', 'm.sentBy')
      .select(['m.id', 'm.direction', 'm.body', 'm.template', 'm.status', 'm.createdAt', 'm.inboxId', 'u.name as sentByName', 'o.errorCode', 'o.holdReason', 'o.purpose'])
      .where('m.conversationId', '=', conversationId)
      .orderBy('m.position')
      .limit(500)
      .execute(),
    db
      .selectFrom('conversationNotes as n')
      .innerJoin('consoleUsers as u', 'u.id', 'n.authorId')
      .select(['n.id', 'n.body', 'n.createdAt', 'u.name as authorName'])
      .where('n.conversationId', '=', conversationId)
      .orderBy('n.createdAt')
      .execute(),
    db.selectFrom('auditEvents').select(['seq', 'at', 'actor', 'code', 'data']).where('conversationId', '=', conversationId).orderBy('seq').limit(2000).execute(),
  ]);
  return { conversation, debtor, messages, notes, audits };
}

export type ConversationView = NonNullable<Awaited<ReturnType<typeof loadConversationView>>>;
export type TranscriptMessage = ConversationView['messages'][number];
export type AuditEntry = ConversationView['audits'][number];
