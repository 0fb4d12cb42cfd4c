import type { Kysely } from 'kysely';
import type { ContactPointRow, DB, DebtorRow } from '../schema';

/** A debtor with its contact points, by external id; undefined when unknown. Does I/O. */
export async function getDebtorByExternalId(db: Kysely<DB>, externalId: string): Promise<(DebtorRow & { contactPoints: ContactPointRow[] }) | undefined> {
  const debtor = await db.selectFrom('debtors').selectAll().where('externalId', '=', externalId).executeTakeFirst();
  if (!debtor) return undefined;
  const contactPoints = await db.selectFrom('contactPoints').selectAll().where('debtorId', '=', debtor.id).orderBy('createdAt').execute();
  return { ...debtor, contactPoints };
}
