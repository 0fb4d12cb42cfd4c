import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import type { InboundMessage } from './inboundMessage';
import { inboundMessageSchema } from './inboundMessage';

/** What storing one inbound message did: `inserted` false when its (channel, providerMessageId) was already stored. */
export interface StoredInbound {
  inserted: boolean;
  inboxId: string;
}

/**
 * Stores inbound messages durably in the inbox in ONE statement (plus one to look up redeliveries), in the order
 * given, so their arrival order (seq) is the order of `messages`. Idempotent by (channel, providerMessageId): a
 * message already stored, or repeated within `messages`, gets the existing row's id with inserted=false. Every
 * message is validated first; a malformed one throws and nothing is written (adapters parse provider input first,
 * so that is a bug). Returns one result per message, in order. Does I/O.
 */
export async function storeInboundMessages(db: Kysely<DB>, messages: readonly InboundMessage[]): Promise<StoredInbound[]> {
  const parsed = messages.map((m) => inboundMessageSchema.parse(m));
  if (parsed.length === 0) return [];
  // One statement text for any number of rows (arrays, unnested in order), so connections keep it prepared.
  const column = <T>(pick: (m: (typeof parsed)[number]) => T): T[] => parsed.map(pick);
  const { rows: inserted } = await sql<{ id: string; channel: string; providerMessageId: string | null }>`
    INSERT INTO inbox (kind, channel, provider_message_id, from_address, to_address, body, payload, received_at)
    SELECT 'message', m.channel, m.provider_message_id, m.from_address, m.to_address, m.body, m.payload, m.received_at
    FROM unnest(${column((m) => m.channel)}::text[], ${column((m) => m.providerMessageId)}::text[], ${column((m) => m.from)}::text[],
                ${column((m) => m.to ?? null)}::text[], ${column((m) => m.body)}::text[], ${column((m) => JSON.stringify(m.payload ?? {}))}::jsonb[],
                ${column((m) => m.receivedAt)}::timestamptz[]) AS m(channel, provider_message_id, from_address, to_address, body, payload, received_at)
    ON CONFLICT (channel, provider_message_id) DO NOTHING
    RETURNING id, channel, provider_message_id`.execute(db);
  const keyOf = (channel: string, providerMessageId: string | null) => `${channel}\u0000${providerMessageId ?? ''}`;
  const fresh = new Map(inserted.map((r) => [keyOf(r.channel, r.providerMessageId), r.id]));
  const results: Array<StoredInbound | undefined> = parsed.map((m) => {
    const key = keyOf(m.channel, m.providerMessageId);
    const id = fresh.get(key);
    if (id === undefined) return undefined;
    fresh.delete(key); // a repeat later in the batch is a redelivery of this one
    return { inserted: true, inboxId: id };
  });
  const repeats = parsed.filter((_, i) => results[i] === undefined);
  if (repeats.length > 0) {
    const existing = await db
      .selectFrom('inbox')
      .select(['id', 'channel', 'providerMessageId'])
      .where((eb) => eb.or(repeats.map((m) => eb.and([eb('channel', '=', m.channel), eb('providerMessageId', '=', m.providerMessageId)]))))
      .execute();
    const ids = new Map(existing.map((r) => [keyOf(r.channel, r.providerMessageId), r.id]));
    for (const [i, m] of parsed.entries()) {
      if (results[i] !== undefined) continue;
      const id = ids.get(keyOf(m.channel, m.providerMessageId));
      if (id === undefined) throw new Error(`inbound ${m.channel}/${m.providerMessageId} was neither stored nor found`);
      results[i] = { inserted: false, inboxId: id };
    }
  }
  return results as StoredInbound[];
}
