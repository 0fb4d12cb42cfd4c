import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export type CreateWebSessionResult =
  | { ok: true; session: string; debtor: { id: string; firstName: string; locale: string } }
  | { ok: false; error: { code: 'SIMULATOR.DEBTOR_NOT_FOUND'; message: string } };

/** How long a simulator session lasts, and how many a demo debtor keeps at once (older ones are removed). */
export const WEB_SESSION_HOURS = 24;
export const WEB_SESSIONS_PER_DEBTOR = 20;

/**
 * Opens a simulator session for a demo debtor (debtors.demo): a fresh, unguessable web address registered as one
 * of the debtor's contact points, so the pipeline resolves it like a phone number. Anyone may open sessions, so
 * in the same transaction the debtor's expired sessions and all but its newest WEB_SESSIONS_PER_DEBTOR are removed:
 * anonymous requests cannot pile up contact points. Does DB I/O.
 */
export async function createWebSession(db: Kysely<DB>, externalId: string, now: Date): Promise<CreateWebSessionResult> {
  const debtor = await db
    .selectFrom('debtors')
    .select(['id', 'externalId', 'firstName', 'locale'])
    .where('externalId', '=', externalId)
    .where('demo', '=', true)
    .executeTakeFirst();
  if (!debtor) return { ok: false, error: { code: 'SIMULATOR.DEBTOR_NOT_FOUND', message: 'No demo debtor with that id' } };
  const session = `sim-${randomUUID()}`;
  const expired = new Date(now.getTime() - WEB_SESSION_HOURS * 3_600_000);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('contactPoints').values({ debtorId: debtor.id, channel: 'web', address: session, consent: true, createdAt: now }).execute();
    await sql`
      DELETE FROM contact_points
      WHERE debtor_id = ${debtor.id} AND channel = 'web'
        AND (created_at <= ${expired} OR id NOT IN (
          SELECT id FROM contact_points WHERE debtor_id = ${debtor.id} AND channel = 'web'
          ORDER BY created_at DESC, id DESC LIMIT ${WEB_SESSIONS_PER_DEBTOR}))`.execute(trx);
  });
  return { ok: true, session, debtor: { id: debtor.externalId, firstName: debtor.firstName, locale: debtor.locale } };
}
