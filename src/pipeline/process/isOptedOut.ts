import type { Kysely } from 'kysely';
import { contactChannelOf } from '../../adapters/db/contactChannelOf';
import type { DB, OutboxRow } from '../../adapters/db/schema';

/**
 * True when the row's address has withdrawn consent on its channel (an unknown address has none to withdraw); Baileys
 * rows read the 'whatsapp' contact point (contactChannelOf). Does I/O.
 */
export async function isOptedOut(db: Kysely<DB>, row: Pick<OutboxRow, 'channel' | 'toAddress'>): Promise<boolean> {
  const contact = await db
    .selectFrom('contactPoints')
    .select('consent')
    .where('channel', '=', contactChannelOf(row.channel))
    .where('address', '=', row.toAddress)
    .executeTakeFirst();
  return contact !== undefined && !contact.consent;
}
