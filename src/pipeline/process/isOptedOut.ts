import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { contactChannelOf } from '../../adapters/db/contactChannelOf';
import type { DB, OutboxRow } from '../../adapters/db/schema';

/**
 * True when nothing may be sent to the row's address: the person opted out there (an address_opt_outs row, which
 * no import writes or removes) or the contact point's consent is withdrawn (an unknown address has none to
 * withdraw). Both are read on the contact channel (contactChannelOf: Baileys rows read 'whatsapp'). Does I/O (one
 * statement).
 */
export async function isOptedOut(db: Kysely<DB>, row: Pick<OutboxRow, 'channel' | 'toAddress'>): Promise<boolean> {
  const channel = contactChannelOf(row.channel);
  const result = await sql<{ blocked: boolean }>`
    SELECT EXISTS (SELECT 1 FROM address_opt_outs WHERE channel = ${channel} AND address = ${row.toAddress})
        OR EXISTS (SELECT 1 FROM contact_points WHERE channel = ${channel} AND address = ${row.toAddress} AND NOT consent) AS blocked`.execute(db);
  return result.rows[0]?.blocked === true;
}
