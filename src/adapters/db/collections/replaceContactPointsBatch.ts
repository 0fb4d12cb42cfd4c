import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface PhoneContact {
  debtorId: string;
  /** E.164. */
  phone: string;
  consentWhatsapp: boolean;
  consentSms: boolean;
}

/**
 * Makes each debtor's SMS and WhatsApp contact points the imported phone, with the file's consent per channel.
 * A number another debtor had moves to this one (with the file's consent). For a number the debtor already had,
 * the file can withdraw consent but never restore it: an opt-out the debtor sent in a conversation must not be
 * undone by the next portfolio file. Old SMS/WhatsApp numbers of these debtors are removed so a recycled number
 * is not messaged. Other channels (web, baileys) are left alone. Does I/O; call it inside the import transaction.
 */
export async function replaceContactPointsBatch(trx: Kysely<DB>, contacts: readonly PhoneContact[], now: Date): Promise<void> {
  const debtorIds = contacts.flatMap((c) => [c.debtorId, c.debtorId]);
  const channels = contacts.flatMap(() => ['sms', 'whatsapp']);
  const addresses = contacts.flatMap((c) => [c.phone, c.phone]);
  const consents = contacts.flatMap((c) => [c.consentSms, c.consentWhatsapp]);
  await sql`
    DELETE FROM contact_points cp
    WHERE cp.debtor_id = ANY(${contacts.map((c) => c.debtorId)}::uuid[])
      AND cp.channel IN ('sms', 'whatsapp')
      AND (cp.debtor_id, cp.address) NOT IN (
        SELECT * FROM unnest(${contacts.map((c) => c.debtorId)}::uuid[], ${contacts.map((c) => c.phone)}::text[]))`.execute(trx);
  await sql`
    INSERT INTO contact_points (debtor_id, channel, address, consent, consent_updated_at)
    SELECT d, ch, a, c, ${now}::timestamptz FROM unnest(${debtorIds}::uuid[], ${channels}::text[], ${addresses}::text[], ${consents}::boolean[]) AS t(d, ch, a, c)
    ON CONFLICT (channel, address) DO UPDATE SET
      debtor_id = EXCLUDED.debtor_id,
      consent = CASE WHEN contact_points.debtor_id = EXCLUDED.debtor_id THEN contact_points.consent AND EXCLUDED.consent ELSE EXCLUDED.consent END,
      consent_updated_at = ${now}::timestamptz
    WHERE contact_points.debtor_id IS DISTINCT FROM EXCLUDED.debtor_id
       OR (contact_points.consent AND NOT EXCLUDED.consent)`.execute(trx);
}
