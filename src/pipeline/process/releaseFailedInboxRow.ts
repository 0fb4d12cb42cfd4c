import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB, InboxRow } from '../../adapters/db/schema';

/**
 * After processing threw: puts the row back to 'pending' with a backoff, or marks it 'failed' with a code once
 * it has used maxAttempts (so one poison message cannot block its conversation forever). A row given up on is not
 * lost silently: it stays in the inbox as 'failed' and an audit event PIPELINE.INBOX_FAILED (ids and codes only)
 * lands on the address's open conversation, where a supervisor reads it. Does I/O.
 */
export async function releaseFailedInboxRow(
  db: Kysely<DB>,
  row: InboxRow,
  opts: { now: Date; maxAttempts: number; backoffMs: number; errorCode: string },
): Promise<'retry' | 'failed'> {
  const giveUp = row.attempts >= opts.maxAttempts;
  const updated = await db
    .updateTable('inbox')
    .set(
      giveUp
        ? { status: 'failed', lockedUntil: null, errorCode: opts.errorCode, processedAt: opts.now }
        : { status: 'pending', lockedUntil: new Date(opts.now.getTime() + opts.backoffMs * 2 ** (row.attempts - 1)), errorCode: opts.errorCode },
    )
    .where('id', '=', row.id)
    .where('status', '=', 'processing')
    .executeTakeFirst();
  if (giveUp && Number(updated.numUpdatedRows) > 0) {
    const data = JSON.stringify({ inboxId: row.id, channel: row.channel, kind: row.kind, attempts: row.attempts, errorCode: opts.errorCode });
    await sql`
      INSERT INTO audit_events (at, actor, conversation_id, debtor_id, code, data)
      SELECT ${opts.now}, 'pipeline', c.id, c.debtor_id, 'PIPELINE.INBOX_FAILED', ${data}::jsonb
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (SELECT id, debtor_id FROM conversations WHERE channel = ${row.channel} AND address = ${row.fromAddress} AND status <> 'ended'
        ORDER BY updated_at DESC LIMIT 1) AS c ON true`.execute(db);
  }
  return giveUp ? 'failed' : 'retry';
}
