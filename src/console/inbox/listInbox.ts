import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../adapters/db/schema';
import { decodeCursor, encodeCursor, filterCondition, inboxTabs, needsDebtor, tabCondition } from './inboxFilters';
import type { InboxQuery, InboxTab } from './inboxFilters';

export const INBOX_PAGE_SIZE = 25;

const rowSchema = z.object({
  id: z.string(),
  channel: z.string(),
  address: z.string(),
  status: z.string(),
  state: z.string().nullable(),
  flowId: z.string().nullable(),
  flowVersion: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  country: z.string().nullable(),
  handoffAt: z.date().nullable(),
  takenByName: z.string().nullable(),
  updatedAt: z.date(),
  lastBody: z.string().nullable(),
  lastDirection: z.string().nullable(),
  /** The newest outbound message's delivery status and, when it failed, the provider's or the sender's code. */
  lastOutStatus: z.string().nullable(),
  lastOutError: z.string().nullable(),
  sortKey: z.string(),
});
export type InboxRow = z.infer<typeof rowSchema>;

/**
 * One page of a tab, filtered: waiting oldest first (by handoff_at), the other tabs most recent first (updated_at),
 * keyset-paged on (time, id) so a page never repeats or skips a row while others arrive. Each row carries its last
 * message and the delivery status of its newest outbound one (a failure shows in the list). Returns the rows and the
 * cursor of the next page. Does I/O (one statement).
 */
export async function listInbox(db: Kysely<DB>, q: InboxQuery, limit = INBOX_PAGE_SIZE): Promise<{ rows: InboxRow[]; next?: string }> {
  const tab = q.tab;
  const ascending = tab === 'waiting';
  const sortColumn = ascending ? sql`c.handoff_at` : sql`c.updated_at`;
  const cursor = decodeCursor(q.after);
  const after = cursor
    ? ascending
      ? sql`AND (c.handoff_at, c.id) > (${cursor.sortKey}::timestamptz, ${cursor.id}::uuid)`
      : sql`AND (c.updated_at, c.id) < (${cursor.sortKey}::timestamptz, ${cursor.id}::uuid)`
    : sql``;
  const order = ascending ? sql`c.handoff_at ASC, c.id ASC` : sql`c.updated_at DESC, c.id DESC`;
  const result = await sql`
    SELECT c.id, c.channel, c.address, c.status, c.state, c.flow_id, c.flow_version, d.first_name, d.last_name, d.country,
      c.handoff_at, u.name AS taken_by_name, c.updated_at, (${sortColumn})::text AS sort_key, last.body AS last_body, last.direction AS last_direction,
      last_out.status AS last_out_status, last_out.error_code AS last_out_error
    FROM conversations c
    LEFT JOIN debtors d ON d.id = c.debtor_id
    LEFT JOIN console_users u ON u.id = c.taken_by
    LEFT JOIN LATERAL (SELECT m.body, m.direction FROM messages m WHERE m.conversation_id = c.id ORDER BY m.position DESC LIMIT 1) last ON true
    LEFT JOIN LATERAL (
      SELECT m.status, o.error_code FROM messages m LEFT JOIN outbox o ON o.id = m.outbox_id
      WHERE m.conversation_id = c.id AND m.direction = 'out' ORDER BY m.position DESC LIMIT 1) last_out ON true
    WHERE ${tabCondition(tab)} AND ${filterCondition(q)} ${after}
    ORDER BY ${order}
    LIMIT ${limit + 1}`.execute(db);
  const rows = result.rows.map((r) => rowSchema.parse(r));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return rows.length > limit && last ? { rows: page, next: encodeCursor(last.sortKey, last.id) } : { rows: page };
}

/** How many conversations each tab holds under the filters (one statement). Does I/O. */
export async function countInboxTabs(db: Kysely<DB>, q: InboxQuery): Promise<Record<InboxTab, number>> {
  const result = await sql<Record<InboxTab, string>>`
    SELECT ${sql.join(inboxTabs.map((tab) => sql`count(*) FILTER (WHERE ${tabCondition(tab)}) AS ${sql.ref(tab)}`))}
    FROM conversations c ${needsDebtor(q) ? sql`LEFT JOIN debtors d ON d.id = c.debtor_id` : sql``}
    WHERE ${filterCondition(q)}`.execute(db);
  const row = result.rows[0];
  return { waiting: Number(row?.waiting ?? 0), person: Number(row?.person ?? 0), bot: Number(row?.bot ?? 0), ended: Number(row?.ended ?? 0) };
}
