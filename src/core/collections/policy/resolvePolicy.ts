import { daysPastDue } from '../dates/daysPastDue';
import type { IntlCache } from '../intl/createIntlCache';
import type { Money } from '../money/money';
import { fail, type Result } from '../result';
import { mergeTerms } from './mergeTerms';
import type { Bucket, PolicyFile, Portfolio, Segment, Terms } from './policyFileSchema';
import type { ResolvedPolicy } from './resolvedPolicy';

/** What resolvePolicy needs to know about an account. */
export interface PolicyAccount {
  creditor: string;
  product: string;
  balance: Money;
  /** ISO date the debt fell due. */
  dueDate: string;
  /** Explicit segment from the portfolio import, if any. */
  segment?: string | null;
  /** The debtor's IANA time zone: days past due are counted on their calendar. */
  timeZone: string;
}

/** The policy files loaded together; the one with id `default` covers accounts no portfolio names. */
export type PolicySet = readonly PolicyFile[];

const same = (a: string, b: string): boolean => a.trim().toLocaleLowerCase('es') === b.trim().toLocaleLowerCase('es');

function findPortfolio(set: PolicySet, account: PolicyAccount): { file: PolicyFile; portfolio?: Portfolio } | null {
  let best: { file: PolicyFile; portfolio: Portfolio; score: number } | null = null;
  for (const file of set) {
    for (const portfolio of file.portfolios ?? []) {
      if (!same(portfolio.creditor, account.creditor)) continue;
      if (portfolio.product !== undefined && !same(portfolio.product, account.product)) continue;
      const score = portfolio.product === undefined ? 1 : 2;
      if (!best || score > best.score) best = { file, portfolio, score };
    }
  }
  if (best) return best;
  const fallback = set.find((file) => file.id === 'default');
  return fallback ? { file: fallback } : null;
}

function matchRule(buckets: readonly Bucket[], segments: readonly Segment[], account: PolicyAccount, dpd: number): Bucket | Segment | undefined {
  if (account.segment) {
    const explicit = segments.find((s) => account.segment !== null && account.segment !== undefined && same(s.segment, account.segment));
    if (explicit) return explicit;
  }
  return buckets.find((b) => {
    const inDays = dpd >= b.daysPastDue.from && (b.daysPastDue.to === undefined || dpd <= b.daysPastDue.to);
    const band = b.balance;
    const inBand = !band || (account.balance.minor >= band.fromMinor && (band.toMinor === undefined || account.balance.minor <= band.toMinor));
    return inDays && inBand;
  });
}

function toResolved(terms: Terms, ids: { policyId: string; portfolioId: string; ruleId: string }, currency: string, minAmount: number): ResolvedPolicy {
  const bp = (percent: number): number => Math.round(percent * 100);
  return {
    ...ids,
    currency,
    offers: [...terms.offers],
    maxCounterOffers: terms.maxCounterOffers,
    settlement: { maxDiscountBp: bp(terms.settlement.maxDiscountPercent), payWithinDays: terms.settlement.payWithinDays },
    installments: {
      minDownPaymentBp: bp(terms.installments.minDownPaymentPercent),
      maxCount: terms.installments.maxCount,
      minAmount: { minor: minAmount, currency },
      frequencies: [...terms.installments.frequencies],
      maxPlanDays: terms.installments.maxPlanDays,
      firstPaymentWithinDays: terms.installments.firstPaymentWithinDays,
    },
    promise: { maxDays: terms.promise.maxDays, graceDays: terms.promise.graceDays },
  };
}

/**
 * Picks the negotiation rule for an account: the portfolio naming its creditor and product (else creditor only,
 * else the `default` file), then an explicit segment match, else the bucket its days past due (in the debtor's
 * time zone at `now`) and balance fall in; merges file defaults ← portfolio terms ← rule. Fails with
 * POLICY.NO_MATCH, POLICY.CURRENCY_MISMATCH, POLICY.NO_BUCKET or POLICY.NO_MIN_INSTALLMENT. A per-message
 * caller passes its formatter cache (`intl`): building the time-zone formatter for "today" each time was a
 * visible share of the worker's CPU. Pure.
 */
export function resolvePolicy(policySet: PolicySet, account: PolicyAccount, now: Date, intl?: IntlCache): Result<ResolvedPolicy> {
  const found = findPortfolio(policySet, account);
  if (!found) return fail('POLICY.NO_MATCH', `no policy covers ${account.creditor} / ${account.product}: add a portfolio or a file with id: default`);
  const { file, portfolio } = found;
  const currency = account.balance.currency;
  if (portfolio?.currency !== undefined && portfolio.currency !== currency) {
    return fail('POLICY.CURRENCY_MISMATCH', `portfolio ${portfolio.id} is in ${portfolio.currency} but the account is in ${currency}`);
  }
  const dpd = daysPastDue(account.dueDate, now, account.timeZone, intl);
  const buckets = portfolio?.buckets ?? file.buckets;
  const segments = [...(portfolio?.segments ?? []), ...(file.segments ?? [])];
  const rule = matchRule(buckets, segments, account, dpd);
  if (!rule) return fail('POLICY.NO_BUCKET', `no bucket of ${portfolio?.id ?? file.id} covers ${dpd} days past due and this balance`);
  const terms = mergeTerms(file.defaults, portfolio?.terms, rule);
  const minAmount = terms.installments.minAmountMinor[currency];
  if (minAmount === undefined) {
    return fail('POLICY.NO_MIN_INSTALLMENT', `policy ${file.id} has no minimum installment for ${currency}: add it under installments.minAmountMinor`);
  }
  return { ok: true, value: toResolved(terms, { policyId: file.id, portfolioId: portfolio?.id ?? file.id, ruleId: rule.id }, currency, minAmount) };
}
