import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import type { InboundMessage } from './inboundMessage';
import { inboundMessageSchema } from './inboundMessage';

export type { InboundMessage } from './inboundMessage';

/**
 * Stores an inbound message durably in the inbox before the webhook acknowledges it. Idempotent by
 * (channel, providerMessageId): a redelivery returns the existing row with inserted=false. Does I/O.
 * Throws on a malformed message (adapters parse provider input first, so that is a bug).
 */
export async function enqueueInbound(db: Kysely<DB>, msg: InboundMessage): Promise<{ inserted: boolean; inboxId: string }> {
  const m = inboundMessageSchema.parse(msg);
  const inserted = await db
    .insertInto('inbox')
    .values({
      kind: 'message',
      channel: m.channel,
      providerMessageId: m.providerMessageId,
      fromAddress: m.from,
      toAddress: m.to ?? null,
      body: m.body,
      payload: JSON.stringify(m.payload ?? {}),
      receivedAt: m.receivedAt,
    })
    .onConflict((oc) => oc.columns(['channel', 'providerMessageId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { inserted: true, inboxId: inserted.id };
  const existing = await db
    .selectFrom('inbox')
    .select('id')
    .where('channel', '=', m.channel)
    .where('providerMessageId', '=', m.providerMessageId)
    .executeTakeFirstOrThrow();
  return { inserted: false, inboxId: existing.id };
}
