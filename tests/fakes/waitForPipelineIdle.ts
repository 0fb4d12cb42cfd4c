import type { Kysely } from 'kysely';
import type { DB } from '../../src/adapters/db/schema';

/**
 * Resolves once every inbox row is processed and no outbox row is waiting or being sent (every reply the
 * inbound produced has reached its channel), polling the database; rejects after `timeoutMs`.
 */
export async function waitForPipelineIdle(db: Kysely<DB>, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const inbox = await db.selectFrom('inbox').select('id').where('status', 'in', ['pending', 'processing']).limit(1).execute();
    const outbox = await db.selectFrom('outbox').select('id').where('status', 'in', ['pending', 'sending']).limit(1).execute();
    if (inbox.length === 0 && outbox.length === 0) return;
    if (Date.now() > deadline) throw new Error(`pipeline still busy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
