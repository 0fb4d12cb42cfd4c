import type { Kysely } from 'kysely';
import { toMinor } from '../collections/toMinor';
import type { DB } from '../schema';

/** What the API shows of a debtor: identity and locale, contact points with consent, accounts and conversations. */
export interface DebtorDetails {
  id: string;
  externalId: string;
  firstName: string;
  lastName: string;
  country: string;
  locale: string;
  timezone: string;
  contactPoints: Array<{ channel: string; address: string; consent: boolean }>;
  accounts: Array<{ accountId: string; creditor: string; product: string; balance: { minor: number; currency: string }; dueDate: string; segment: string | null; status: string; pausedReason: string | null }>;
  conversations: Array<{ id: string; channel: string; state: string | null; status: string; handoff: boolean; updatedAt: Date }>;
}

/**
 * A debtor by external id for supervisors, without the stored profile or any verification factor; undefined when
 * unknown. Does I/O (four reads).
 */
export async function getDebtorDetails(db: Kysely<DB>, externalId: string): Promise<DebtorDetails | undefined> {
  const debtor = await db
    .selectFrom('debtors')
    .select(['id', 'externalId', 'firstName', 'lastName', 'country', 'locale', 'timezone'])
    .where('externalId', '=', externalId)
    .executeTakeFirst();
  if (!debtor) return undefined;
  const [contactPoints, accounts, conversations] = await Promise.all([
    // Simulator sessions are web contact points that reach no person: not listed.
    db.selectFrom('contactPoints').select(['channel', 'address', 'consent']).where('debtorId', '=', debtor.id).where('channel', '!=', 'web').orderBy('createdAt').execute(),
    db
      .selectFrom('accounts')
      .select(['externalId', 'creditor', 'product', 'currency', 'balanceMinor', 'dueDate', 'segment', 'status', 'pausedReason'])
      .where('debtorId', '=', debtor.id)
      .orderBy('dueDate')
      .execute(),
    db
      .selectFrom('conversations')
      .select(['id', 'channel', 'state', 'status', 'handoff', 'updatedAt'])
      .where('debtorId', '=', debtor.id)
      .orderBy('updatedAt', 'desc')
      .limit(50)
      .execute(),
  ]);
  return {
    ...debtor,
    contactPoints,
    accounts: accounts.map(({ externalId: accountId, currency, balanceMinor, ...rest }) => ({ accountId, ...rest, balance: { minor: toMinor(balanceMinor), currency } })),
    conversations,
  };
}
