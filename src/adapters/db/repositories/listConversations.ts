import type { Kysely } from 'kysely';
import type { ChannelKind } from '../../../ports/channel';
import type { ConversationRow, ConversationStatus, DB } from '../schema';

export interface ConversationFilters {
  status?: ConversationStatus;
  channel?: ChannelKind;
  debtorId?: string;
  handoff?: boolean;
  /** Conversations updated strictly before this time (keyset pagination on updatedAt). */
  before?: Date;
  limit?: number;
}

/** Conversations, most recently updated first, filtered; limit defaults to 50, at most 200. Does I/O. */
export async function listConversations(db: Kysely<DB>, filters: ConversationFilters = {}): Promise<ConversationRow[]> {
  let query = db.selectFrom('conversations').selectAll();
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.channel) query = query.where('channel', '=', filters.channel);
  if (filters.debtorId) query = query.where('debtorId', '=', filters.debtorId);
  if (filters.handoff !== undefined) query = query.where('handoff', '=', filters.handoff);
  if (filters.before) query = query.where('updatedAt', '<', filters.before);
  return query
    .orderBy('updatedAt', 'desc')
    .orderBy('id')
    .limit(Math.min(200, Math.max(1, filters.limit ?? 50)))
    .execute();
}
