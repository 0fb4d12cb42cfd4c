import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseClock } from '../../core/compliance/localTime';
import type { ContactFacts, PastContact, PreferredContact } from '../../core/compliance/types';
import type { ChannelKind } from '../../ports/channel';
import { contactChannelOf } from '../db/contactChannelOf';
import type { DB } from '../db/schema';

/** How far back proactive contacts are read: the longest rule looks at 7 × 24 hours, spacing at a few days. */
export const HISTORY_DAYS = 14;

export interface ContactFactsQuery {
  /** The debtor; undefined: the debtor of `conversationId` (null there for an address no debtor owns). */
  debtorId?: string;
  /** The conversation whose last inbound message opens the WhatsApp window (null: none yet). */
  conversationId: string | null;
  channel: ChannelKind;
  address: string;
  /** The outbox row being gated, left out of the contact history (it is 'sending' itself). */
  excludeOutboxId?: string;
  now: Date;
}

export interface ContactFactsResult {
  facts: ContactFacts;
  history: PastContact[];
  /** accounts.creditor of the debtor's accounts: their own stricter rules apply. */
  creditors: string[];
  debtorId: string | null;
  locale: string;
  /** Only to fill an approved template's variables; never logged. */
  firstName: string;
}

const clockText = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const preferredSchema = z.object({
  window: z.object({ from: clockText, to: clockText }).optional(),
  notBefore: z.iso.datetime({ offset: true }).optional(),
});
const historySchema = z.array(z.object({ at: z.coerce.date(), channel: z.enum(['sms', 'whatsapp', 'baileys', 'web']) }));
const rowSchema = z.object({
  id: z.string().nullable(),
  locale: z.string().nullable(),
  firstName: z.string().nullable(),
  timezone: z.string().nullable(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  deceasedAt: z.date().nullable(),
  preferredContact: z.unknown(),
  consent: z.boolean().nullable(),
  optedOut: z.boolean(),
  wrongPartyAt: z.date().nullable(),
  disputeOpen: z.boolean(),
  creditors: z.array(z.string()).nullable(),
  history: z.unknown(),
  lastInboundAt: z.date().nullable(),
  handoff: z.boolean().nullable(),
});

/**
 * Reads, in one query, everything the compliance gate needs about a debtor and one of their addresses: time zone,
 * country and region, consent and opt-out of the address, wrong-party mark, deceased, open disputes, the preferred
 * contact time, whether a person has the conversation, the creditors, the proactive contacts of the last HISTORY_DAYS on any channel (rows in flight
 * that passed the gate included: senders gate a debtor's proactive rows one at a time, under lockDebtorContacts, so the
 * second sees the first) and the last inbound message of the conversation. Does I/O.
 */
export async function readContactFacts(db: Kysely<DB>, q: ContactFactsQuery): Promise<ContactFactsResult> {
  const contact = contactChannelOf(q.channel);
  const since = new Date(q.now.getTime() - HISTORY_DAYS * 86_400_000);
  const debtor = q.debtorId === undefined ? sql`(SELECT c.debtor_id FROM conversations c WHERE c.id = ${q.conversationId}::uuid)` : sql`${q.debtorId}::uuid`;
  const result = await sql`
    SELECT d.id, d.locale, d.first_name, d.timezone, d.country, coalesce(d.region, d.profile->>'region') AS region, d.deceased_at, d.preferred_contact,
      (SELECT cp.consent FROM contact_points cp WHERE cp.debtor_id = d.id AND cp.channel = ${contact} AND cp.address = ${q.address} LIMIT 1) AS consent,
      EXISTS (SELECT 1 FROM address_opt_outs o WHERE o.channel = ${contact} AND o.address = ${q.address}) AS opted_out,
      (SELECT max(w.created_at) FROM wrong_party_marks w WHERE w.debtor_id = d.id AND w.address = ${q.address} AND w.channel IN (${q.channel}, ${contact})) AS wrong_party_at,
      EXISTS (SELECT 1 FROM disputes ds JOIN accounts a ON a.id = ds.account_id WHERE a.debtor_id = d.id AND ds.status = 'open') AS dispute_open,
      (SELECT array_agg(DISTINCT a.creditor) FROM accounts a WHERE a.debtor_id = d.id) AS creditors,
      (SELECT coalesce(json_agg(json_build_object('at', coalesce(o.sent_at, o.updated_at), 'channel', o.channel)), '[]'::json)
         FROM outbox o JOIN conversations c ON c.id = o.conversation_id
         WHERE c.debtor_id = d.id AND o.purpose = 'proactive' AND o.id IS DISTINCT FROM ${q.excludeOutboxId ?? null}::uuid
           AND (o.status IN ('sent', 'delivered') OR (o.status = 'sending' AND o.gate_passed_at IS NOT NULL))
           AND coalesce(o.sent_at, o.updated_at) >= ${since}) AS history,
      (SELECT max(i.received_at) FROM messages m JOIN inbox i ON i.id = m.inbox_id
         WHERE m.conversation_id = ${q.conversationId}::uuid AND m.direction = 'in') AS last_inbound_at,
      (SELECT c.handoff FROM conversations c WHERE c.id = ${q.conversationId}::uuid) AS handoff
    FROM (SELECT 1) one LEFT JOIN debtors d ON d.id = ${debtor}`.execute(db);
  const row = rowSchema.parse(result.rows[0]);
  return {
    facts: {
      timeZone: row.timezone ?? 'UTC',
      country: row.country ?? '',
      region: row.region,
      consent: row.consent,
      optedOut: row.optedOut,
      wrongPartyAt: row.wrongPartyAt,
      deceasedAt: row.deceasedAt,
      disputeOpen: row.disputeOpen,
      preferredContact: toPreferred(row.preferredContact),
      lastInboundAt: row.lastInboundAt,
      withPerson: row.handoff === true,
    },
    history: historySchema.parse(row.history).map((c) => ({ at: c.at, channel: contactChannelOf(c.channel) })),
    creditors: row.creditors ?? [],
    debtorId: row.id,
    locale: row.locale ?? 'es',
    firstName: row.firstName ?? '',
  };
}

/** debtors.preferred_contact as the gate reads it; a malformed value (written by hand) is ignored, not fatal. */
function toPreferred(value: unknown): PreferredContact | null {
  const parsed = preferredSchema.safeParse(value);
  if (!parsed.success || (!parsed.data.window && !parsed.data.notBefore)) return null;
  const { window, notBefore } = parsed.data;
  return { ...(window ? { window: { from: parseClock(window.from), to: parseClock(window.to) } } : {}), ...(notBefore ? { notBefore: new Date(notBefore) } : {}) };
}
