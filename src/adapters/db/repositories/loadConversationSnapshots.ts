import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ChannelKind } from '../../../ports/channel';
import { contactChannelOf } from '../contactChannelOf';
import type { DB } from '../schema';

/** The open conversation of an address as the pipeline needs it. */
export interface OpenConversation {
  id: string;
  debtorId: string | null;
  session: unknown;
  handoff: boolean;
  status: 'active' | 'unknown_contact';
}

/** The last ended conversation of an address, read only when none is open: what a new one may pick up from. */
export interface EndedConversation {
  id: string;
  debtorId: string | null;
  session: unknown;
}

export interface ConversationSnapshot {
  conversation: OpenConversation | undefined;
  /** When no conversation is open: the last one of this address (channel and address) that ended, if any. */
  previous: EndedConversation | null;
  /** The debtor owning the address as a contact point, if any. */
  contactDebtorId: string | null;
  /** The person at this address said they are not that debtor (a wrong-party mark for address + debtor). */
  wrongParty: boolean;
  /** The person at this address (on its contact channel) opted out: a row in address_opt_outs. */
  optedOut: boolean;
  /** Of the given inbox ids, those still 'processing' (a reclaimed lease may have been finished by another worker). */
  processingIds: string[];
  /** Lowest seq of an open row of this address older than `maxSeq` and not among the given ids (order gap). */
  foreignSeq: string | null;
}

const rowSchema = z.object({
  convId: z.string().nullable(),
  convDebtorId: z.string().nullable(),
  convSession: z.unknown(),
  convHandoff: z.boolean().nullable(),
  convStatus: z.enum(['active', 'unknown_contact']).nullable(),
  prevId: z.string().nullable(),
  prevDebtorId: z.string().nullable(),
  prevSession: z.unknown(),
  contactDebtorId: z.string().nullable(),
  wrongParty: z.boolean(),
  optedOut: z.boolean(),
  processingIds: z.array(z.string()),
  foreignSeq: z.string().nullable(),
});

/** One address to read: its channel, and the highest seq of the rows claimed for it. */
export interface SnapshotAddress {
  channel: ChannelKind;
  address: string;
  maxSeq: string;
}

/**
 * Reads, in ONE statement for all `addresses`, each one's open conversation (locked FOR UPDATE when `lock`), the
 * last ended conversation of the address when none is open (what a new one picks up from), the debtor owning the address, whether that debtor was marked as the wrong party there and whether the person there
 * opted out (all on the contact channel, contactChannelOf: Baileys uses the 'whatsapp' contact point), and, of the claimed `inboxIds`, which of
 * the address's are still in processing and whether an older open row of the address lies outside them.
 * Returns the snapshots in the order of `addresses`. Does I/O.
 */
export async function loadConversationSnapshots(
  db: Kysely<DB>,
  q: { addresses: readonly SnapshotAddress[]; lock: boolean; inboxIds: readonly string[] },
): Promise<ConversationSnapshot[]> {
  if (q.addresses.length === 0) return [];
  const ids = sql`${[...q.inboxIds]}::uuid[]`;
  const column = <T>(pick: (a: SnapshotAddress) => T): T[] => q.addresses.map(pick);
  const result = await sql`
    SELECT c.id AS conv_id, c.debtor_id AS conv_debtor_id, c.session AS conv_session, c.handoff AS conv_handoff, c.status AS conv_status,
      prev.id AS prev_id, prev.debtor_id AS prev_debtor_id, prev.session AS prev_session,
      cp.debtor_id AS contact_debtor_id,
      (cp.debtor_id IS NOT NULL AND EXISTS (SELECT 1 FROM wrong_party_marks w
        WHERE w.channel = q.contact_channel AND w.address = q.address AND w.debtor_id = cp.debtor_id)) AS wrong_party,
      EXISTS (SELECT 1 FROM address_opt_outs o WHERE o.channel = q.contact_channel AND o.address = q.address) AS opted_out,
      (SELECT coalesce(array_agg(i.id::text), '{}') FROM inbox i
        WHERE i.id = ANY(${ids}) AND i.channel = q.channel AND i.from_address = q.address AND i.status = 'processing') AS processing_ids,
      (SELECT min(e.seq)::text FROM inbox e
        WHERE e.channel = q.channel AND e.from_address = q.address AND e.status IN ('pending', 'processing')
          AND e.seq < q.max_seq AND NOT (e.id = ANY(${ids}))) AS foreign_seq
    FROM unnest(${column((a) => a.channel)}::text[], ${column((a) => contactChannelOf(a.channel))}::text[], ${column((a) => a.address)}::text[],
                ${column((a) => a.maxSeq)}::bigint[]) WITH ORDINALITY AS q(channel, contact_channel, address, max_seq, ord)
    LEFT JOIN LATERAL (
      SELECT * FROM conversations WHERE channel = q.channel AND address = q.address AND status <> 'ended'
      ${q.lock ? sql`FOR UPDATE` : sql``}) AS c ON true
    LEFT JOIN LATERAL (
      SELECT p.id, p.debtor_id, p.session FROM conversations p
      WHERE c.id IS NULL AND p.channel = q.channel AND p.address = q.address AND p.status = 'ended'
      ORDER BY p.updated_at DESC LIMIT 1) AS prev ON true
    LEFT JOIN LATERAL (SELECT debtor_id FROM contact_points WHERE channel = q.contact_channel AND address = q.address) AS cp ON true
    ORDER BY q.ord`.execute(db);
  if (result.rows.length !== q.addresses.length) throw new Error(`snapshot read gave ${result.rows.length} rows for ${q.addresses.length} addresses`);
  return result.rows.map((raw) => {
    const row = rowSchema.parse(raw);
    const conversation =
      row.convId !== null && row.convStatus !== null
        ? { id: row.convId, debtorId: row.convDebtorId, session: row.convSession, handoff: row.convHandoff ?? false, status: row.convStatus }
        : undefined;
    const previous = row.prevId !== null ? { id: row.prevId, debtorId: row.prevDebtorId, session: row.prevSession } : null;
    return { conversation, previous, contactDebtorId: row.contactDebtorId, wrongParty: row.wrongParty, optedOut: row.optedOut, processingIds: row.processingIds, foreignSeq: row.foreignSeq };
  });
}
