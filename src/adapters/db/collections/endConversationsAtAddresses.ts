import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

/** A number (on a contact channel) that an import takes from one debtor and gives to another, or to no one. */
export interface AddressHandover {
  channel: 'sms' | 'whatsapp';
  address: string;
  fromDebtorId: string;
  /** Null when the number was removed from its debtor and given to no one. */
  toDebtorId: string | null;
}

/**
 * Ends every open conversation on handed-over numbers that belongs to someone other than the new owner (a
 * 'whatsapp' contact covers WhatsApp through Twilio and Baileys): status 'ended', its timers deleted, its unsent
 * replies dropped (error_code ADDRESS.REASSIGNED or ADDRESS.REMOVED), and one CONVERSATION.ENDED_BY_IMPORT audit
 * event each (ids and codes only). The next message from the number then opens a new conversation for whoever owns
 * it now, starting with identity verification. Returns how many conversations were ended. Does I/O; call it
 * inside the import transaction.
 */
export async function endConversationsAtAddresses(trx: Kysely<DB>, handovers: readonly AddressHandover[], opts: { now: Date; actor: string }): Promise<number> {
  if (handovers.length === 0) return 0;
  const result = await sql<{ id: string; debtorId: string | null; channel: string; toDebtorId: string | null }>`
    UPDATE conversations c SET status = 'ended', updated_at = ${opts.now}::timestamptz
    FROM unnest(${handovers.map((h) => h.channel)}::text[], ${handovers.map((h) => h.address)}::text[], ${handovers.map((h) => h.toDebtorId)}::uuid[]) AS h(channel, address, to_debtor)
    WHERE c.status <> 'ended' AND c.address = h.address
      AND c.channel = ANY(CASE WHEN h.channel = 'whatsapp' THEN ARRAY['whatsapp', 'baileys'] ELSE ARRAY[h.channel] END)
      AND c.debtor_id IS NOT NULL AND c.debtor_id IS DISTINCT FROM h.to_debtor
    RETURNING c.id, c.debtor_id, c.channel, h.to_debtor AS to_debtor_id`.execute(trx);
  const ended = result.rows;
  if (ended.length === 0) return 0;
  const ids = ended.map((c) => c.id);
  await trx.deleteFrom('scheduledTimers').where('conversationId', 'in', ids).execute();
  for (const reason of ['ADDRESS.REASSIGNED', 'ADDRESS.REMOVED'] as const) {
    const these = ended.filter((c) => (c.toDebtorId === null) === (reason === 'ADDRESS.REMOVED')).map((c) => c.id);
    if (these.length === 0) continue;
    await trx
      .updateTable('outbox')
      .set({ status: 'dropped', errorCode: reason, updatedAt: opts.now })
      .where('conversationId', 'in', these)
      .where('status', '=', 'pending')
      .execute();
  }
  await trx
    .insertInto('auditEvents')
    .values(
      ended.map((c) => ({
        at: opts.now,
        actor: opts.actor,
        conversationId: c.id,
        debtorId: c.debtorId,
        code: 'CONVERSATION.ENDED_BY_IMPORT',
        data: JSON.stringify({ reason: c.toDebtorId === null ? 'ADDRESS.REMOVED' : 'ADDRESS.REASSIGNED', channel: c.channel, toDebtorId: c.toDebtorId }),
      })),
    )
    .execute();
  return ended.length;
}
