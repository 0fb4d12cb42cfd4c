import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export interface WebMessage {
  id: string;
  direction: 'in' | 'out';
  body: string;
  at: string;
}

/**
 * Messages of the simulator conversation at `session`, oldest first, created at or after `after` minus a
 * grace window. created_at is the writing transaction's start time, so a transaction that commits late can
 * carry an older stamp than one already read; re-sending a few seconds of history (the page de-duplicates by
 * id) means nothing is ever skipped. Order is the transcript position.
 * Does DB I/O.
 */
export async function listWebMessages(db: Kysely<DB>, session: string, after?: Date): Promise<WebMessage[]> {
  let query = db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversationId')
    .select(['m.id', 'm.direction', 'm.body', 'm.createdAt'])
    .where('c.channel', '=', 'web')
    .where('c.address', '=', session);
  if (after) query = query.where('m.createdAt', '>=', new Date(after.getTime() - graceMs));
  const rows = await query
    .orderBy('m.position')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, direction: r.direction, body: r.body, at: r.createdAt.toISOString() }));
}

const graceMs = 10_000;
