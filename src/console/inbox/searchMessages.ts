import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../adapters/db/schema';
import { decodeCursor, encodeCursor, filterCondition } from './inboxFilters';
import type { InboxQuery } from './inboxFilters';

const rowSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: z.string(),
  body: z.string(),
  createdAt: z.date(),
  channel: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  sortKey: z.string(),
});
export type SearchHit = z.infer<typeof rowSchema>;

/**
 * Full-text search over message bodies in Spanish and English at once (messages.search_vector, both configurations,
 * stored when the row is written: migration 0960; the query is parsed with websearch_to_tsquery in each and either
 * may match), with the inbox filters, newest first, keyset-paged on (created_at, id). The planner walks the newest
 * messages checking each stored vector for common words, or takes the GIN index for rare ones; neither parses a body.
 * Does I/O (one statement).
 */
export async function searchMessages(db: Kysely<DB>, q: InboxQuery & { q: string }, limit = 25): Promise<{ rows: SearchHit[]; next?: string }> {
  const result = await searchStatement(q, limit + 1).execute(db);
  const rows = result.rows.map((r) => rowSchema.parse(r));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return rows.length > limit && last ? { rows: page, next: encodeCursor(last.sortKey, last.id) } : { rows: page };
}

/** The search's one statement, up to `limit` rows (searchMessages asks one more to know a next page exists). Pure. */
export function searchStatement(q: InboxQuery & { q: string }, limit: number): RawBuilder<unknown> {
  const cursor = decodeCursor(q.after);
  const after = cursor ? sql`AND (m.created_at, m.id) < (${cursor.sortKey}::timestamptz, ${cursor.id}::uuid)` : sql``;
  return sql`
    SELECT m.id, m.conversation_id, m.direction, m.body, m.created_at, c.channel, d.first_name, d.last_name, m.created_at::text AS sort_key
    FROM messages m
    JOIN conversations c ON c.id = m.conversation_id
    LEFT JOIN debtors d ON d.id = c.debtor_id
    WHERE m.search_vector @@ (websearch_to_tsquery('spanish', ${q.q}) || websearch_to_tsquery('english', ${q.q}))
      AND ${filterCondition(q)} ${after}
    ORDER BY m.created_at DESC, m.id DESC
    LIMIT ${limit}`;
}
