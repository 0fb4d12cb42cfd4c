import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { toMinor } from '../../adapters/db/collections/toMinor';
import type { DB } from '../../adapters/db/schema';
import { contactChannelOf } from '../../adapters/db/contactChannelOf';

/**
 * The side panel of a conversation: the debtor's accounts and balances, plans and promises with their status,
 * contact points with consent and any opt-out on their address, disputes and wrong-party marks. Does I/O (six reads).
 */
export async function loadDebtorPanel(db: Kysely<DB>, debtorId: string) {
  const [accounts, plans, promises, contacts, disputes, wrongParty] = await Promise.all([
    db.selectFrom('accounts').select(['id', 'externalId', 'creditor', 'product', 'currency', 'balanceMinor', 'dueDate', 'segment', 'status', 'pausedReason']).where('debtorId', '=', debtorId).orderBy('dueDate').execute(),
    db
      .selectFrom('plans as p')
      .innerJoin('accounts as a', 'a.id', 'p.accountId')
      .select(['p.id', 'p.status', 'p.totalMinor', 'p.currency', 'p.installmentCount', 'p.frequency', 'p.firstDueDate', 'p.lastDueDate', 'a.externalId as accountExternalId'])
      .select((eb) => eb.selectFrom('planInstallments as i').select(sql<string>`count(*)`.as('n')).whereRef('i.planId', '=', 'p.id').where('i.status', '=', 'paid').as('paidInstallments'))
      .where('a.debtorId', '=', debtorId)
      .orderBy('p.createdAt', 'desc')
      .limit(20)
      .execute(),
    db
      .selectFrom('promises as p')
      .innerJoin('accounts as a', 'a.id', 'p.accountId')
      .select(['p.id', 'p.status', 'p.amountMinor', 'p.currency', 'p.dueDate', 'p.paidMinor', 'a.externalId as accountExternalId'])
      .where('a.debtorId', '=', debtorId)
      .orderBy('p.madeAt', 'desc')
      .limit(20)
      .execute(),
    db.selectFrom('contactPoints').select(['channel', 'address', 'consent']).where('debtorId', '=', debtorId).orderBy('createdAt').execute(),
    db
      .selectFrom('disputes as d')
      .innerJoin('accounts as a', 'a.id', 'd.accountId')
      .select(['d.id', 'd.status', 'd.reasonCode', 'd.createdAt', 'a.externalId as accountExternalId'])
      .where('a.debtorId', '=', debtorId)
      .orderBy('d.createdAt', 'desc')
      .execute(),
    db.selectFrom('wrongPartyMarks').select(['channel', 'address', 'createdAt']).where('debtorId', '=', debtorId).execute(),
  ]);
  const optOuts = contacts.length
    ? await db
        .selectFrom('addressOptOuts')
        .select(['channel', 'address', 'optedOutAt'])
        .where((eb) => eb.or(contacts.map((c) => eb.and([eb('channel', '=', contactChannelOf(c.channel)), eb('address', '=', c.address)]))))
        .execute()
    : [];
  return {
    accounts: accounts.map((a) => ({ ...a, balance: toMinor(a.balanceMinor) })),
    plans: plans.map((p) => ({ ...p, total: toMinor(p.totalMinor), paidInstallments: Number(p.paidInstallments ?? 0) })),
    promises: promises.map((p) => ({ ...p, amount: toMinor(p.amountMinor), paid: toMinor(p.paidMinor) })),
    contacts: contacts.map((c) => ({ ...c, optedOutAt: optOuts.find((o) => o.address === c.address && o.channel === contactChannelOf(c.channel))?.optedOutAt ?? null })),
    disputes,
    wrongParty,
  };
}

export type DebtorPanel = Awaited<ReturnType<typeof loadDebtorPanel>>;
