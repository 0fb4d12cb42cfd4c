import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { endConversationsAtAddresses, type AddressHandover } from './endConversationsAtAddresses';

export interface PhoneContact {
  debtorId: string;
  /** E.164. */
  phone: string;
  consentWhatsapp: boolean;
  consentSms: boolean;
}

/** What a batch changed in contact points, for the import summary and its audit. */
export interface ContactChanges {
  /** Contact points (one per channel) that belonged to another debtor and now belong to the importing one. */
  moved: number;
  /** Contact points of the file's debtors whose number is no longer in the file (deleted). */
  removed: number;
  /** Contact points whose consent the file withdrew. */
  consentWithdrawn: number;
  /** Contact points the file gave consent to that stay without it (the person opted out, or consent was off). */
  consentNotRestored: number;
  /** Open conversations ended because their number now belongs to someone else (or to no one). */
  conversationsEnded: number;
  /** The file's debtors whose contact points changed in any way. */
  changedDebtorIds: Set<string>;
}

type Channel = 'sms' | 'whatsapp';
interface Existing {
  id: string;
  debtorId: string;
  channel: Channel;
  address: string;
  consent: boolean;
  optedOut: boolean;
}

/**
 * Makes each debtor's SMS and WhatsApp contact points the imported phone. Consent: a new contact point takes the
 * file's consent unless the person at that address opted out (address_opt_outs, which no import writes or deletes);
 * an existing one, whoever owned it, keeps consent off once it is off: the file can withdraw consent, never give it
 * back (only the person does, by writing an explicit re-subscribe). A number another debtor had moves to this one,
 * and the debtor's old numbers are deleted; every open conversation on a moved or deleted number is ended in this
 * transaction (endConversationsAtAddresses), so the next message from it starts afresh, with identity verification
 * for its new owner. Other channels (web, baileys) are left alone. Does I/O; call it inside the import transaction.
 */
export async function replaceContactPointsBatch(trx: Kysely<DB>, contacts: readonly PhoneContact[], opts: { now: Date; actor: string }): Promise<ContactChanges> {
  const changes: ContactChanges = { moved: 0, removed: 0, consentWithdrawn: 0, consentNotRestored: 0, conversationsEnded: 0, changedDebtorIds: new Set() };
  if (contacts.length === 0) return changes;
  const { existing, optedOutNew } = await readExisting(trx, contacts);
  const wanted = new Map<string, { debtorId: string; consent: boolean }>();
  for (const c of contacts) {
    wanted.set(`sms ${c.phone}`, { debtorId: c.debtorId, consent: c.consentSms });
    wanted.set(`whatsapp ${c.phone}`, { debtorId: c.debtorId, consent: c.consentWhatsapp });
  }
  const handovers: AddressHandover[] = [];
  const removedIds: string[] = [];
  const seen = new Set<string>();
  for (const e of existing) {
    const key = `${e.channel} ${e.address}`;
    const want = wanted.get(key);
    seen.add(key);
    if (!want) {
      removedIds.push(e.id);
      changes.removed += 1;
      changes.changedDebtorIds.add(e.debtorId);
      handovers.push({ channel: e.channel, address: e.address, fromDebtorId: e.debtorId, toDebtorId: null });
      continue;
    }
    const consent = e.consent && want.consent && !e.optedOut;
    if (want.consent && !consent) changes.consentNotRestored += 1;
    if (e.consent && !consent) changes.consentWithdrawn += 1;
    if (e.debtorId !== want.debtorId) {
      changes.moved += 1;
      handovers.push({ channel: e.channel, address: e.address, fromDebtorId: e.debtorId, toDebtorId: want.debtorId });
    }
    if (e.debtorId !== want.debtorId || e.consent !== consent) changes.changedDebtorIds.add(want.debtorId);
  }
  for (const [key, want] of wanted) {
    if (seen.has(key)) continue;
    changes.changedDebtorIds.add(want.debtorId);
    if (want.consent && optedOutNew.has(key)) changes.consentNotRestored += 1;
  }
  if (removedIds.length > 0) await trx.deleteFrom('contactPoints').where('id', 'in', removedIds).execute();
  await upsert(trx, contacts, opts.now);
  changes.conversationsEnded = await endConversationsAtAddresses(trx, handovers, opts);
  return changes;
}

/**
 * The SMS/WhatsApp contact points of these debtors or at these numbers (with whether the person there opted out),
 * and the `channel address` keys of opted-out numbers that have no contact point yet.
 */
async function readExisting(trx: Kysely<DB>, contacts: readonly PhoneContact[]): Promise<{ existing: Existing[]; optedOutNew: Set<string> }> {
  const ids = contacts.map((c) => c.debtorId);
  const phones = contacts.map((c) => c.phone);
  // Two indexed lookups (by debtor, by number): an OR of both would scan the table.
  const rows = await sql<{ id: string; debtorId: string; channel: Channel; address: string; consent: boolean }>`
    SELECT id, debtor_id, channel, address, consent FROM contact_points
      WHERE channel IN ('sms', 'whatsapp') AND debtor_id = ANY(${ids}::uuid[])
    UNION
    SELECT id, debtor_id, channel, address, consent FROM contact_points
      WHERE channel IN ('sms', 'whatsapp') AND address = ANY(${phones}::text[])`.execute(trx);
  const optedOut = await trx.selectFrom('addressOptOuts').select(['channel', 'address']).where('channel', 'in', ['sms', 'whatsapp']).where('address', '=', sql<string>`ANY(${phones}::text[])`).execute();
  const optedOutKeys = new Set(optedOut.map((o) => `${o.channel} ${o.address}`));
  const existing: Existing[] = rows.rows.map((r) => ({ ...r, optedOut: optedOutKeys.has(`${r.channel} ${r.address}`) }));
  const known = new Set(existing.map((e) => `${e.channel} ${e.address}`));
  const optedOutNew = new Set([...optedOutKeys].filter((key) => !known.has(key)));
  return { existing, optedOutNew };
}

async function upsert(trx: Kysely<DB>, contacts: readonly PhoneContact[], now: Date): Promise<void> {
  const debtorIds = contacts.flatMap((c) => [c.debtorId, c.debtorId]);
  const channels = contacts.flatMap(() => ['sms', 'whatsapp']);
  const addresses = contacts.flatMap((c) => [c.phone, c.phone]);
  const consents = contacts.flatMap((c) => [c.consentSms, c.consentWhatsapp]);
  await sql`
    INSERT INTO contact_points (debtor_id, channel, address, consent, consent_updated_at)
    SELECT d, ch, a, c AND NOT EXISTS (SELECT 1 FROM address_opt_outs o WHERE o.channel = ch AND o.address = a), ${now}::timestamptz
    FROM unnest(${debtorIds}::uuid[], ${channels}::text[], ${addresses}::text[], ${consents}::boolean[]) AS t(d, ch, a, c)
    ON CONFLICT (channel, address) DO UPDATE SET
      debtor_id = EXCLUDED.debtor_id,
      consent = contact_points.consent AND EXCLUDED.consent,
      consent_updated_at = CASE WHEN contact_points.consent AND NOT EXCLUDED.consent THEN ${now}::timestamptz ELSE contact_points.consent_updated_at END
    WHERE contact_points.debtor_id IS DISTINCT FROM EXCLUDED.debtor_id
       OR (contact_points.consent AND NOT EXCLUDED.consent)`.execute(trx);
}
