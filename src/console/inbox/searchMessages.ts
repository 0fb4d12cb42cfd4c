import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../adapters/db/schema';
import { decodeCursor, encodeCursor, filterCondition, hasFilters, needsDebtor } from './inboxFilters';
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

/** How many of the newest messages (after the cursor) the first look reads, checking each stored vector. */
export const RECENT_WINDOW = 10_000;

export interface SearchOptions {
  /** Hits per page (default 25). */
  limit?: number;
  /** Newest messages the first look reads (default RECENT_WINDOW; tests make it small). */
  recentWindow?: number;
}

/**
 * Full-text search over message bodies in Spanish and English at once (messages.search_vector, both configurations,
 * stored when the row is written: migration 0960; the query is parsed with websearch_to_tsquery in each and either
 * may match), with the inbox filters, newest first, keyset-paged on (created_at, id).
 * Two looks, so that the time does not hang on the planner guessing how common the words are (it guessed 332
 * matches for a phrase with 8,000 and read them all): first the newest `recentWindow` messages, walked newest first,
 * which fills the page when the words are common; only if it does not, the older messages through the GIN index,
 * where the words are then rare. Does I/O (one statement, or two when the newest messages hold less than a page).
 */
export async function searchMessages(db: Kysely<DB>, q: InboxQuery & { q: string }, options: SearchOptions = {}): Promise<{ rows: SearchHit[]; next?: string }> {
  const limit = options.limit ?? 25;
  const recentWindow = options.recentWindow ?? RECENT_WINDOW;
  const parse = (result: { rows: unknown[] }) => result.rows.map((r) => rowSchema.parse(r));
  const rows = parse(await searchStatement(q, { part: 'recent', limit: limit + 1, recentWindow }).execute(db));
  if (rows.length <= limit) rows.push(...parse(await searchStatement(q, { part: 'older', limit: limit + 1 - rows.length, recentWindow }).execute(db)));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return rows.length > limit && last ? { rows: page, next: encodeCursor(last.sortKey, last.id) } : { rows: page };
}

/**
 * One look of the search, up to `limit` hits: among the newest `recentWindow` messages after the cursor ('recent'),
 * or among the messages older than those ('older'). The hits are chosen and ordered on messages alone (the filters
 * as a semi-join), and only they are joined to their conversation and debtor. Pure.
 */
export function searchStatement(q: InboxQuery & { q: string }, look: { part: 'recent' | 'older'; limit: number; recentWindow: number }): RawBuilder<unknown> {
  const cursor = decodeCursor(q.after);
  const after = cursor ? sql`WHERE (created_at, id) < (${cursor.sortKey}::timestamptz, ${cursor.id}::uuid)` : sql``;
  const newest = sql`SELECT id, conversation_id, direction, body, created_at, search_vector FROM messages ${after} ORDER BY created_at DESC, id DESC`;
  const source = look.part === 'recent' ? sql`(${newest} LIMIT ${look.recentWindow}) m` : sql`messages m`;
  // Older: past the oldest message of the recent look (none when the recent look read every message there is).
  const older = look.part === 'older' ? sql`AND (m.created_at, m.id) < (SELECT created_at, id FROM (${newest} OFFSET ${look.recentWindow - 1} LIMIT 1) edge)` : sql``;
  const filters = hasFilters(q)
    ? sql`AND EXISTS (SELECT 1 FROM conversations c ${needsDebtor(q) ? sql`LEFT JOIN debtors d ON d.id = c.debtor_id` : sql``} WHERE c.id = m.conversation_id AND ${filterCondition(q)})`
    : sql``;
  return sql`
    WITH hits AS (
      SELECT m.id, m.conversation_id, m.direction, m.body, m.created_at
      FROM ${source}
      WHERE m.search_vector @@ (websearch_to_tsquery('spanish', ${q.q}) || websearch_to_tsquery('english', ${q.q})) ${older} ${filters}
      ORDER BY m.created_at DESC, m.id DESC
      LIMIT ${look.limit})
    SELECT h.id, h.conversation_id, h.direction, h.body, h.created_at, c.channel, d.first_name, d.last_name, h.created_at::text AS sort_key
    FROM hits h
    JOIN conversations c ON c.id = h.conversation_id
    LEFT JOIN debtors d ON d.id = c.debtor_id
    ORDER BY h.created_at DESC, h.id DESC`;
}
