import { buildPaymentLink } from '../core/collections/paymentLinks/buildPaymentLink';
import { daysPastDue } from '../core/collections/dates/daysPastDue';
import type { Money } from '../core/collections/money/money';
import { resolvePolicy, type PolicySet } from '../core/collections/policy/resolvePolicy';
import type { CollectionsFacts } from '../core/collections/registry/collectionsFacts';
import { hashVerificationFactor } from '../core/collections/verification/hashVerificationFactor';
import { demoFactsSchema, type DemoFacts } from './demoFactsSchema';

/** The payment-link template and secret of the fixtures (test values, never a deployment's). */
export const FIXTURE_PAYMENT_LINK = {
  template: 'https://pay.example.com/p?account={account}&amount={amount}&cur={currency}&ref={reference}&sig={signature}',
  secret: 'pacto-fixture-payment-link-secret',
} as const;

/** One fixture debtor and account, as a person would describe them; buildTestFixture derives the rest. */
export interface FixtureInput {
  key: string;
  firstName: string;
  locale: string;
  timeZone: string;
  country: string;
  documentLast4: string;
  birthDate: string;
  dateOrder?: 'dmy' | 'mdy';
  creditor: string;
  product: string;
  balance: Money;
  dueDate: string;
  segment?: string;
  breakdown?: CollectionsFacts['account']['breakdown'];
  lastPayment?: CollectionsFacts['account']['lastPayment'];
  activePromise?: CollectionsFacts['account']['activePromise'];
  activePlan?: CollectionsFacts['account']['activePlan'];
  /** A verification lock kept from an earlier conversation. */
  lockedUntil?: string;
  /** False for a debtor the service has no payment link for. */
  paymentLink?: boolean;
  /** 'disputed' for an account with an open dispute (collection paused). */
  status?: 'active' | 'disputed';
  /** When a third party said the debtor died (debtors.deceased_at). */
  deceasedAt?: string;
}

/**
 * Builds fixture facts through the real collections domain, as the service would: verification factors hashed
 * with hashVerificationFactor and a per-debtor salt, the policy resolved from `policies` with resolvePolicy, days
 * past due at `now`, and a signed payment link for the balance (buildPaymentLink with the fixture secret). The
 * result is validated with demoFactsSchema; a broken fixture throws. Pure (node:crypto).
 */
export function buildTestFixture(input: FixtureInput, policies: PolicySet, now: Date): DemoFacts {
  const salt = `fixture-salt-${input.key}`;
  const dateOrder = input.dateOrder ?? 'dmy';
  const accountId = `acc-${input.key}`;
  const policy = resolvePolicy(policies, { creditor: input.creditor, product: input.product, balance: input.balance, dueDate: input.dueDate, segment: input.segment ?? null, timeZone: input.timeZone }, now);
  if (!policy.ok) throw new Error(`fixture ${input.key}: ${policy.error.code} ${policy.error.message}`);
  const reference = `${accountId}-full`;
  const link = buildPaymentLink(FIXTURE_PAYMENT_LINK.template, { accountId, amount: input.balance, reference }, FIXTURE_PAYMENT_LINK.secret);
  if (!link.ok) throw new Error(`fixture ${input.key}: ${link.error.code} ${link.error.message}`);
  const facts = {
    debtor: {
      firstName: input.firstName,
      locale: input.locale,
      timeZone: input.timeZone,
      country: input.country,
      documentLast4: input.documentLast4,
      birthDate: input.birthDate,
      ...(input.deceasedAt ? { deceasedAt: input.deceasedAt } : {}),
      verification: {
        salt,
        hashes: [hashVerificationFactor(input.documentLast4, salt, dateOrder), hashVerificationFactor(input.birthDate, salt, dateOrder)],
        dateOrder,
        ...(input.lockedUntil ? { lockedUntil: input.lockedUntil } : {}),
      },
    },
    creditor: { name: input.creditor },
    account: {
      id: accountId,
      product: input.product,
      balance: input.balance,
      dueDate: input.dueDate,
      daysPastDue: daysPastDue(input.dueDate, now, input.timeZone),
      segment: input.segment ?? null,
      status: input.status ?? 'active',
      ...(input.breakdown ? { breakdown: input.breakdown } : {}),
      lastPayment: input.lastPayment ?? null,
      activePromise: input.activePromise ?? null,
      activePlan: input.activePlan ?? null,
    },
    policy: policy.value,
    ...(input.paymentLink === false ? {} : { paymentLink: { url: link.value, amount: input.balance, reference } }),
  };
  return demoFactsSchema.parse(facts);
}
