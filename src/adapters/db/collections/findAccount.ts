import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import type { AccountRecord } from './accountRecord';
import { toMinor, toMinorOrNull } from './toMinor';

/**
 * Reads one account with its debtor's time zone, by external id (CSV account_id) or internal id. With
 * `forUpdate` it row-locks the account so concurrent payments on it apply one after the other. Does I/O.
 */
export async function findAccount(
  trx: Kysely<DB>,
  key: { externalId: string } | { id: string },
  opts: { forUpdate?: boolean } = {},
): Promise<AccountRecord | undefined> {
  let query = trx
    .selectFrom('accounts')
    .innerJoin('debtors', 'debtors.id', 'accounts.debtorId')
    .selectAll('accounts')
    .select('debtors.timezone');
  query = 'externalId' in key ? query.where('accounts.externalId', '=', key.externalId) : query.where('accounts.id', '=', key.id);
  const row = await (opts.forUpdate ? query.forUpdate('accounts') : query).executeTakeFirst();
  return row ? toAccountRecord(row) : undefined;
}

/** Lists a debtor's accounts, highest balance first (the first open one is what the conversation is about). Does I/O. */
export async function listDebtorAccounts(trx: Kysely<DB>, debtorId: string): Promise<AccountRecord[]> {
  const rows = await trx
    .selectFrom('accounts')
    .innerJoin('debtors', 'debtors.id', 'accounts.debtorId')
    .selectAll('accounts')
    .select('debtors.timezone')
    .where('accounts.debtorId', '=', debtorId)
    .orderBy('accounts.balanceMinor', 'desc')
    .orderBy('accounts.externalId')
    .execute();
  return rows.map(toAccountRecord);
}

export type AccountRow = {
  id: string; externalId: string; debtorId: string; creditor: string; product: string; currency: string; balanceMinor: string;
  principalMinor: string | null; interestMinor: string | null; feesMinor: string | null; dueDate: string; segment: string | null;
  status: AccountRecord['status']; pausedReason: string | null; timezone: string;
};

/** An accounts row joined with its debtor's time zone as an AccountRecord (bigint columns as strings or numbers). Pure. */
export function toAccountRecord(row: AccountRow): AccountRecord {
  const currency = row.currency;
  const money = (minor: number | null) => (minor === null ? null : { minor, currency });
  const principal = toMinorOrNull(row.principalMinor);
  const interest = toMinorOrNull(row.interestMinor);
  const fees = toMinorOrNull(row.feesMinor);
  return {
    id: row.id,
    externalId: row.externalId,
    debtorId: row.debtorId,
    creditor: row.creditor,
    product: row.product,
    balance: { minor: toMinor(row.balanceMinor), currency },
    breakdown: principal === null && interest === null && fees === null ? null : { principal: money(principal), interest: money(interest), fees: money(fees) },
    dueDate: row.dueDate,
    segment: row.segment,
    status: row.status,
    pausedReason: row.pausedReason,
    timeZone: row.timezone,
  };
}
