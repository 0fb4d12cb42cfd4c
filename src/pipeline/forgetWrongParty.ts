import type { Kysely } from 'kysely';
import type { ConversationSnapshot } from '../adapters/db/repositories/loadConversationSnapshot';
import type { DB } from '../adapters/db/schema';
import type { ChannelKind } from '../ports/channel';

/**
 * When no conversation is open and the person at this address said they are not the debtor (a wrong-party mark),
 * the address is treated as unknown: no new conversation names the debtor or their debt there. (Consent on it is
 * withdrawn too, so the neutral reply is not sent either.) Does I/O only in that case.
 */
export async function forgetWrongParty(db: Kysely<DB>, where: { channel: ChannelKind; address: string }, snapshot: ConversationSnapshot): Promise<ConversationSnapshot> {
  const debtorId = snapshot.contactDebtorId;
  if (!debtorId || snapshot.conversation?.status === 'active') return snapshot;
  const mark = await db
    .selectFrom('wrongPartyMarks')
    .select('id')
    .where('channel', '=', where.channel)
    .where('address', '=', where.address)
    .where('debtorId', '=', debtorId)
    .executeTakeFirst();
  return mark ? { ...snapshot, contactDebtorId: null } : snapshot;
}
