import type { Kysely } from 'kysely';
import type { AccountRecord } from '../adapters/db/collections/accountRecord';
import { findActivePlan } from '../adapters/db/collections/findActivePlan';
import { listDebtorAccounts } from '../adapters/db/collections/findAccount';
import { findPendingPromise } from '../adapters/db/collections/findPendingPromise';
import { toMinor } from '../adapters/db/collections/toMinor';
import type { DB } from '../adapters/db/schema';
import { daysPastDue } from '../core/collections/dates/daysPastDue';
import { localDate } from '../core/collections/dates/localDate';
import { buildPaymentLink } from '../core/collections/paymentLinks/buildPaymentLink';
import { resolvePolicy, type PolicySet } from '../core/collections/policy/resolvePolicy';
import type { CollectionsFacts } from '../core/collections/registry/collectionsFacts';
import { fail, type Result } from '../core/collections/result';

export interface CollectionsFactsDeps {
  policies: PolicySet;
  /** Payment link settings (config PAYMENT_LINK_TEMPLATE / PAYMENT_LINK_SECRET); no link in facts without them. */
  paymentLink?: { template: string; secret: string };
}

/**
 * Builds the facts the collections flows read (CollectionsFacts, src/core/collections/registry) for one debtor,
 * inside the caller's transaction: debtor with hashed verification factors, the account the conversation is
 * about (the open account with the highest balance, else the first one), its balance, due date and days past
 * due on the debtor's calendar, a verification lock still in force from an earlier conversation, breakdown, last payment, pending promise, active plan, the policy rule that
 * applies (resolvePolicy) and a signed payment link for the balance. Other accounts are listed in `accounts`.
 * Fails with FACTS.DEBTOR_NOT_FOUND, FACTS.NO_ACCOUNT or a POLICY.* code. Does I/O.
 */
export async function loadCollectionsFacts(trx: Kysely<DB>, debtorId: string, now: Date, deps: CollectionsFactsDeps): Promise<Result<CollectionsFacts>> {
  const debtor = await trx.selectFrom('debtors').select(['id', 'externalId', 'firstName', 'lastName', 'locale', 'timezone', 'country']).where('id', '=', debtorId).executeTakeFirst();
  if (!debtor) return fail('FACTS.DEBTOR_NOT_FOUND', `no debtor ${debtorId}`);
  const accounts = await listDebtorAccounts(trx, debtorId);
  const account = accounts.find((a) => (a.status === 'active' || a.status === 'disputed') && a.balance.minor > 0) ?? accounts[0];
  if (!account) return fail('FACTS.NO_ACCOUNT', `debtor ${debtor.externalId} has no account`);
  const policy = resolvePolicy(deps.policies, { ...account, timeZone: debtor.timezone }, now);
  if (!policy.ok) return policy;
  const factors = await trx.selectFrom('verificationFactors').select(['hash', 'salt']).where('debtorId', '=', debtorId).orderBy('kind').execute();
  const salt = factors[0]?.salt;
  const lock = await trx.selectFrom('verificationState').select('lockedUntil').where('debtorId', '=', debtorId).executeTakeFirst();
  const lockedUntil = lock?.lockedUntil && lock.lockedUntil.getTime() > now.getTime() ? lock.lockedUntil.toISOString() : null;
  return {
    ok: true,
    value: {
      debtor: {
        id: debtor.id,
        externalId: debtor.externalId,
        firstName: debtor.firstName,
        lastName: debtor.lastName,
        locale: debtor.locale,
        timeZone: debtor.timezone,
        country: debtor.country,
        ...(salt ? { verification: { salt, hashes: factors.map((f) => f.hash), dateOrder: debtor.country === 'US' ? 'mdy' : 'dmy', lockedUntil } } : {}),
      },
      creditor: { name: account.creditor },
      account: await describeAccount(trx, account, now),
      policy: policy.value,
      ...paymentLinkFacts(account, now, deps),
      accounts: accounts.map((a) => ({ id: a.externalId, creditor: a.creditor, product: a.product, balance: a.balance, dueDate: a.dueDate, status: a.status })),
      today: localDate(now, account.timeZone),
    },
  };
}

async function describeAccount(trx: Kysely<DB>, account: AccountRecord, now: Date): Promise<CollectionsFacts['account']> {
  const lastPayment = await trx
    .selectFrom('payments')
    .select(['amountMinor', 'currency', 'paidAt'])
    .where('accountId', '=', account.id)
    .orderBy('paidAt', 'desc')
    .executeTakeFirst();
  const promise = await findPendingPromise(trx, account.id);
  const plan = await findActivePlan(trx, account.id);
  const { principal, interest, fees } = account.breakdown ?? {};
  return {
    id: account.externalId,
    product: account.product,
    currency: account.balance.currency,
    balance: account.balance,
    dueDate: account.dueDate,
    daysPastDue: daysPastDue(account.dueDate, now, account.timeZone),
    segment: account.segment,
    status: account.status,
    pausedReason: account.pausedReason,
    ...(principal && interest && fees ? { breakdown: { principal, interest, fees } } : {}),
    lastPayment: lastPayment ? { amount: { minor: toMinor(lastPayment.amountMinor), currency: lastPayment.currency }, paidAt: lastPayment.paidAt.toISOString() } : null,
    activePromise: promise ? { amount: promise.amount, dueDate: promise.dueDate, madeAt: promise.madeAt.toISOString(), paid: promise.paid } : null,
    activePlan: plan
      ? { id: plan.id, installments: plan.installments.map((i) => ({ number: i.number, amount: i.amount, dueDate: i.dueDate, paid: i.paid })) }
      : null,
  };
}

function paymentLinkFacts(account: AccountRecord, now: Date, deps: CollectionsFactsDeps): Pick<CollectionsFacts, 'paymentLink'> {
  if (!deps.paymentLink || account.balance.minor <= 0) return {};
  const reference = `${account.externalId}-${localDate(now, account.timeZone)}`;
  const url = buildPaymentLink(deps.paymentLink.template, { accountId: account.externalId, amount: account.balance, reference }, deps.paymentLink.secret);
  return url.ok ? { paymentLink: { url: url.value, amount: account.balance, reference } } : {};
}
