import type { Kysely } from 'kysely';
import type { DB, InboxRow } from '../../adapters/db/schema';

/**
 * After processing threw: puts the row back to 'pending' with a backoff, or marks it 'failed' with a code once
 * it has used maxAttempts (so one poison message cannot block its conversation forever). Does I/O.
 */
export async function releaseFailedInboxRow(
  db: Kysely<DB>,
  row: InboxRow,
  opts: { now: Date; maxAttempts: number; backoffMs: number; errorCode: string },
): Promise<'retry' | 'failed'> {
  const giveUp = row.attempts >= opts.maxAttempts;
  await db
    .updateTable('inbox')
    .set(
      giveUp
        ? { status: 'failed', lockedUntil: null, errorCode: opts.errorCode, processedAt: opts.now }
        : { status: 'pending', lockedUntil: new Date(opts.now.getTime() + opts.backoffMs * 2 ** (row.attempts - 1)), errorCode: opts.errorCode },
    )
    .where('id', '=', row.id)
    .where('status', '=', 'processing')
    .execute();
  return giveUp ? 'failed' : 'retry';
}
