import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import { readApprovalPayload } from './approvalView';

/**
 * The pending approval requests, oldest first (up to 50), each with its debtor and account, the request read from
 * its payload, and the last messages of the conversation it came from. Does I/O (two reads).
 */
export async function loadApprovalQueue(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('approvalRequests as r')
    .innerJoin('debtors as d', 'd.id', 'r.debtorId')
    .leftJoin('accounts as a', 'a.id', 'r.accountId')
    .select(['r.id', 'r.conversationId', 'r.payload', 'r.createdAt', 'd.firstName', 'd.lastName', 'a.externalId as accountExternalId', 'a.creditor', 'a.currency'])
    .where('r.status', '=', 'pending')
    .orderBy('r.createdAt')
    .orderBy('r.id')
    .limit(50)
    .execute();
  const conversationIds = rows.flatMap((r) => (r.conversationId ? [r.conversationId] : []));
  const messages = conversationIds.length
    ? await db
        .selectFrom('messages')
        .select(['conversationId', 'direction', 'body', 'position'])
        .where('conversationId', 'in', conversationIds)
        .orderBy('position', 'desc')
        .limit(conversationIds.length * 40)
        .execute()
    : [];
  return rows.map((r) => ({
    ...r,
    request: readApprovalPayload(r.payload),
    recent: messages.filter((m) => m.conversationId === r.conversationId).slice(0, 6).reverse(),
  }));
}

export type ApprovalQueueItem = Awaited<ReturnType<typeof loadApprovalQueue>>[number];
