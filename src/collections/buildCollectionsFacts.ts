import type { AccountRecord } from '../adapters/db/collections/accountRecord';
import type { DebtorFactsRow } from '../adapters/db/collections/readDebtorFactsRows';
import { daysBetween } from '../core/collections/dates/isoDate';
import { localDate } from '../core/collections/dates/localDate';
import type { IntlCache } from '../core/collections/intl/createIntlCache';
import { buildPaymentLink } from '../core/collections/paymentLinks/buildPaymentLink';
import { resolvePolicy, type PolicySet } from '../core/collections/policy/resolvePolicy';
import type { CollectionsFacts } from '../core/collections/registry/collectionsFacts';
import { fail, type Result } from '../core/collections/result';

export interface CollectionsFactsDeps {
  policies: PolicySet;
  /** Payment link settings (config PAYMENT_LINK_TEMPLATE / PAYMENT_LINK_SECRET); no link in facts without them. */
  paymentLink?: { template: string; secret: string };
  /** Formatter cache of the caller (one per facts provider): "today" in a time zone is asked on every message. */
  intl?: IntlCache;
}

/**
 * Builds the facts the collections flows read (CollectionsFacts, src/core/collections/registry) for one debtor from
 * their facts row (readDebtorFactsRows): debtor with hashed verification factors, the account the conversation is
 * about (the open account with the highest balance, else the first one), its balance, due date and days past due on
 * the debtor's calendar, a verification lock still in force from an earlier conversation, breakdown, last payment,
 * pending promise, active plan, the policy rule that applies (resolvePolicy) and a signed payment link for the
 * balance. Other accounts are listed in `accounts`. Fails with FACTS.NO_ACCOUNT or a POLICY.* code. Pure (it only fills the caller's formatter cache).
 */
export function buildCollectionsFacts(row: DebtorFactsRow, now: Date, deps: CollectionsFactsDeps): Result<CollectionsFacts> {
  const { debtor, accounts, factors } = row;
  const account = accounts.find((a) => (a.status === 'active' || a.status === 'disputed') && a.balance.minor > 0) ?? accounts[0];
  if (!account) return fail('FACTS.NO_ACCOUNT', `debtor ${debtor.externalId} has no account`);
  const policy = resolvePolicy(deps.policies, { ...account, timeZone: debtor.timezone }, now, deps.intl);
  if (!policy.ok) return policy;
  const salt = factors[0]?.salt;
  const lockedUntil = row.lockedUntil && row.lockedUntil.getTime() > now.getTime() ? row.lockedUntil.toISOString() : null;
  const today = localDate(now, account.timeZone, deps.intl);
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
        ...(debtor.deceasedAt ? { deceasedAt: debtor.deceasedAt.toISOString() } : {}),
        ...(salt ? { verification: { salt, hashes: factors.map((f) => f.hash), dateOrder: debtor.country === 'US' ? 'mdy' : 'dmy', lockedUntil } } : {}),
      },
      creditor: { name: account.creditor },
      account: describeAccount(account, row.primary, today),
      policy: policy.value,
      ...paymentLinkFacts(account, today, deps),
      accounts: accounts.map((a) => ({ id: a.externalId, creditor: a.creditor, product: a.product, balance: a.balance, dueDate: a.dueDate, status: a.status })),
      today,
    },
  };
}

function describeAccount(account: AccountRecord, primary: DebtorFactsRow['primary'], today: string): CollectionsFacts['account'] {
  if (primary && primary.accountId !== account.id) throw new Error(`facts statement chose account ${primary.accountId}, not ${account.id}`);
  const { lastPayment, promise, plan } = primary ?? { lastPayment: null, promise: null, plan: null };
  const { principal, interest, fees } = account.breakdown ?? {};
  return {
    id: account.externalId,
    product: account.product,
    currency: account.balance.currency,
    balance: account.balance,
    dueDate: account.dueDate,
    // daysPastDue(dueDate, now, timeZone), with "today" computed once through the cache.
    daysPastDue: Math.max(0, daysBetween(account.dueDate, today)),
    segment: account.segment,
    status: account.status,
    pausedReason: account.pausedReason,
    ...(principal && interest && fees ? { breakdown: { principal, interest, fees } } : {}),
    lastPayment: lastPayment ? { amount: { minor: lastPayment.amountMinor, currency: lastPayment.currency }, paidAt: lastPayment.paidAt.toISOString() } : null,
    activePromise: promise ? { amount: promise.amount, dueDate: promise.dueDate, madeAt: promise.madeAt.toISOString(), paid: promise.paid } : null,
    activePlan: plan
      ? { id: plan.id, installments: plan.installments.map((i) => ({ number: i.number, amount: i.amount, dueDate: i.dueDate, paid: i.paid })) }
      : null,
  };
}

function paymentLinkFacts(account: AccountRecord, today: string, deps: CollectionsFactsDeps): Pick<CollectionsFacts, 'paymentLink'> {
  if (!deps.paymentLink || account.balance.minor <= 0) return {};
  const reference = `${account.externalId}-${today}`;
  const url = buildPaymentLink(deps.paymentLink.template, { accountId: account.externalId, amount: account.balance, reference }, deps.paymentLink.secret);
  return url.ok ? { paymentLink: { url: url.value, amount: account.balance, reference } } : {};
}
