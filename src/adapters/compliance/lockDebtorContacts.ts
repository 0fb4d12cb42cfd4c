import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** The key text of a debtor's contact lock; hashed in SQL, so the sweep and the sender meet on the same lock. */
const lockKey = (debtorId: ReturnType<typeof sql>) => sql`hashtextextended('pacto:debtor-contact:' || ${debtorId}::text, 0)`;

/**
 * Takes, until the transaction ends, the advisory locks under which a proactive message to a debtor is decided and
 * recorded: the outreach sweep's write of a batch (its debtors, in key order, so two batches cannot deadlock) and the
 * sender's compliance gate of one proactive row (the debtor of its conversation; none for a conversation without a
 * debtor). Whoever takes the lock second reads the first one's message in the debtor's history. Does I/O (one statement).
 */
export async function lockDebtorContacts(trx: Kysely<DB>, of: { debtorIds: readonly string[] } | { conversationId: string }): Promise<void> {
  if ('conversationId' in of) {
    await sql`SELECT pg_advisory_xact_lock(${lockKey(sql`c.debtor_id`)}) FROM conversations c WHERE c.id = ${of.conversationId}::uuid AND c.debtor_id IS NOT NULL`.execute(trx);
    return;
  }
  if (of.debtorIds.length === 0) return;
  await sql`
    SELECT pg_advisory_xact_lock(s.k)
    FROM (SELECT DISTINCT ${lockKey(sql`d.id`)} AS k FROM unnest(${sql.val([...of.debtorIds])}::uuid[]) AS d(id) ORDER BY 1) s`.execute(trx);
}
