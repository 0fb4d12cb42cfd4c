import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ChannelKind } from '../../../ports/channel';
import type { ConversationRow, ConversationStatus, DB } from '../schema';

/** Where a page ends: the last row's updated_at at full (microsecond) precision, and its id to break ties. */
export interface ConversationCursor {
  updatedAt: string;
  id: string;
}

export interface ConversationFilters {
  status?: ConversationStatus;
  channel?: ChannelKind;
  debtorId?: string;
  handoff?: boolean;
  /** Rows strictly after this one in the listing order (keyset pagination on (updatedAt, id)). */
  after?: ConversationCursor;
  limit?: number;
}

export interface ConversationPage {
  conversations: ConversationRow[];
  /** The cursor of the last row, when the page is full (there may be more). */
  next: ConversationCursor | null;
}

/**
 * Conversations, most recently updated first (ties by id, descending), filtered; limit defaults to 50, at most 200.
 * The cursor is the pair (updated_at, id), compared as a row so that no two rows share a position: many
 * conversations share an updated_at (one transaction writes up to 64), and a cursor on time alone skipped them.
 * The time travels as PostgreSQL's own text with microseconds, since a JS Date would round it to milliseconds. Does I/O.
 */
export async function listConversations(db: Kysely<DB>, filters: ConversationFilters = {}): Promise<ConversationPage> {
  const limit = Math.min(200, Math.max(1, filters.limit ?? 50));
  let query = db
    .selectFrom('conversations')
    .selectAll()
    .select(sql<string>`to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursorTime'));
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.channel) query = query.where('channel', '=', filters.channel);
  if (filters.debtorId) query = query.where('debtorId', '=', filters.debtorId);
  if (filters.handoff !== undefined) query = query.where('handoff', '=', filters.handoff);
  const after = filters.after;
  if (after) query = query.where(sql<boolean>`(updated_at, id) < (${after.updatedAt}::timestamptz, ${after.id}::uuid)`);
  const rows = await query.orderBy('updatedAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
  const conversations = rows.map(({ cursorTime: _cursorTime, ...row }) => row);
  const last = rows.at(-1);
  return { conversations, next: last && rows.length === limit ? { updatedAt: last.cursorTime, id: last.id } : null };
}
