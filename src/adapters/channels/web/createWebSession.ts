import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { demoExternalIdPrefix } from './demoExternalIdPrefix';

export type CreateWebSessionResult =
  | { ok: true; session: string; debtor: { id: string; firstName: string; locale: string } }
  | { ok: false; error: { code: 'SIMULATOR.DEBTOR_NOT_FOUND'; message: string } };

/**
 * Opens a simulator session for a demo debtor: a fresh, unguessable web address registered as one of the
 * debtor's contact points, so the pipeline resolves it like a phone number. Only `demo-…` debtors qualify.
 * Does DB I/O.
 */
export async function createWebSession(db: Kysely<DB>, externalId: string): Promise<CreateWebSessionResult> {
  if (!externalId.startsWith(demoExternalIdPrefix)) {
    return { ok: false, error: { code: 'SIMULATOR.DEBTOR_NOT_FOUND', message: 'No demo debtor with that id' } };
  }
  const debtor = await db
    .selectFrom('debtors')
    .select(['id', 'externalId', 'firstName', 'locale'])
    .where('externalId', '=', externalId)
    .executeTakeFirst();
  if (!debtor) return { ok: false, error: { code: 'SIMULATOR.DEBTOR_NOT_FOUND', message: 'No demo debtor with that id' } };
  const session = `sim-${randomUUID()}`;
  await db.insertInto('contactPoints').values({ debtorId: debtor.id, channel: 'web', address: session, consent: true }).execute();
  return { ok: true, session, debtor: { id: debtor.externalId, firstName: debtor.firstName, locale: debtor.locale } };
}
