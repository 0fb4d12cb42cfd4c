import type { Kysely } from 'kysely';
import type { DB, OutboxRow } from '../../adapters/db/schema';
import type { AcceptedMessage, Channel, SendFailure } from '../../ports/channel';

/** How far before the unconfirmed attempt the provider's list is read: clocks differ, and a wider look costs nothing. */
const CLOCK_MARGIN_MS = 2 * 60_000;

export type ReconcileResult =
  | { status: 'accepted'; providerId: string; providerStatus: string }
  | { status: 'not_accepted' }
  /** The provider could not be asked (it fails too): do not send; try again later. */
  | { status: 'unknown'; error: SendFailure };

/**
 * For a row whose earlier attempt may have reached the provider unrecorded (unconfirmedSince set: the sender died
 * mid-send, or the call timed out), asks the provider what it accepted for the row's address since then and finds
 * the row's message among it: same body, not already recorded on another outbox row. Within one conversation only
 * the oldest open reply is ever in flight, so an unrecorded accepted message with this body is this row's. A channel
 * that cannot list answers 'not_accepted' (it resends, as before). Does I/O (the provider, one DB read).
 */
export async function reconcileOutboxRow(db: Kysely<DB>, channel: Channel, row: OutboxRow): Promise<ReconcileResult> {
  if (!row.unconfirmedSince || !channel.listAccepted) return { status: 'not_accepted' };
  const since = new Date(row.unconfirmedSince.getTime() - CLOCK_MARGIN_MS);
  const listed = await channel.listAccepted({ to: row.toAddress, since });
  if (!listed.ok) return { status: 'unknown', error: listed.error };
  const sameBody = listed.messages.filter((m) => sameText(m.body, row.body));
  if (sameBody.length === 0) return { status: 'not_accepted' };
  const recorded = await db
    .selectFrom('outbox')
    .select('providerMessageId')
    .where('providerMessageId', 'in', sameBody.map((m) => m.providerId))
    .execute();
  const taken = new Set(recorded.map((r) => r.providerMessageId));
  const mine = oldest(sameBody.filter((m) => !taken.has(m.providerId)));
  return mine ? { status: 'accepted', providerId: mine.providerId, providerStatus: mine.status } : { status: 'not_accepted' };
}

function sameText(a: string, b: string): boolean {
  const normal = (s: string) => s.replace(/\r\n/g, '\n').trim();
  return normal(a) === normal(b);
}

function oldest(messages: readonly AcceptedMessage[]): AcceptedMessage | undefined {
  return [...messages].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime())[0];
}
