import { isKnownCurrency } from '../money/currencyDigits';
import type { PathIssue } from '../../yaml/parseYamlFile';
import { checkBuckets } from './checkBuckets';
import { mergeTerms } from './mergeTerms';
import type { Bucket, PolicyFile, Segment, TermsPatch } from './policyFileSchema';

type Path = Array<string | number>;

/** A set of rules sharing defaults: the file itself, or one portfolio of it. */
interface Context {
  at: Path;
  terms?: TermsPatch;
  buckets: readonly Bucket[];
  bucketsAt: Path;
  ownBuckets: boolean;
  segments: ReadonlyArray<{ segment: Segment; at: Path }>;
  currencies: readonly string[];
}

function contextsOf(file: PolicyFile): Context[] {
  const fileSegments = (file.segments ?? []).map((segment, i) => ({ segment, at: ['segments', i] }));
  const base: Context = { at: [], buckets: file.buckets, bucketsAt: ['buckets'], ownBuckets: true, segments: fileSegments, currencies: file.currencies };
  const portfolios = (file.portfolios ?? []).map((p, i): Context => ({
    at: ['portfolios', i],
    terms: p.terms,
    buckets: p.buckets ?? file.buckets,
    bucketsAt: p.buckets ? ['portfolios', i, 'buckets'] : ['buckets'],
    ownBuckets: p.buckets !== undefined,
    segments: [...(p.segments ?? []).map((segment, k) => ({ segment, at: ['portfolios', i, 'segments', k] })), ...fileSegments],
    currencies: p.currency ? [p.currency] : file.currencies,
  }));
  return [base, ...portfolios];
}

/** Where a merged term came from: the rule, the portfolio terms, or the file defaults (most specific first). */
function origins(ctx: Context, ruleAt: Path, section: string, key: string): Path[] {
  return [[...ruleAt, section, key], [...ctx.at, 'terms', section, key], ['defaults', section, key], [...ruleAt]];
}

function checkRule(file: PolicyFile, ctx: Context, rule: TermsPatch, ruleAt: Path): PathIssue[] {
  const terms = mergeTerms(file.defaults, ctx.terms, rule);
  const issues: PathIssue[] = [];
  const { installments } = terms;
  if (installments.firstPaymentWithinDays > installments.maxPlanDays) {
    issues.push({
      paths: origins(ctx, ruleAt, 'installments', 'firstPaymentWithinDays'),
      message: `firstPaymentWithinDays (${installments.firstPaymentWithinDays}) is greater than maxPlanDays (${installments.maxPlanDays}): the first payment must fall inside the plan`,
    });
  }
  for (const currency of ctx.currencies) {
    if (installments.minAmountMinor[currency] === undefined) {
      issues.push({
        paths: origins(ctx, ruleAt, 'installments', 'minAmountMinor'),
        message: `no minimum installment for ${currency}: add ${currency}: <minor units> under installments.minAmountMinor`,
      });
    }
  }
  for (const code of Object.keys(rule.installments?.minAmountMinor ?? {})) {
    if (!isKnownCurrency(code)) issues.push({ paths: [[...ruleAt, 'installments', 'minAmountMinor', code]], message: `unknown currency ${code}: use an ISO 4217 code such as COP, MXN, USD` });
  }
  if (rule.offers && new Set(rule.offers).size !== rule.offers.length) {
    issues.push({ paths: [[...ruleAt, 'offers']], message: 'an offer is listed twice: list each offer once, in the order the bot makes them' });
  }
  return issues;
}

function checkContext(file: PolicyFile, ctx: Context): PathIssue[] {
  const issues: PathIssue[] = [];
  if (ctx.ownBuckets) issues.push(...checkBuckets(ctx.buckets, ctx.bucketsAt));
  ctx.buckets.forEach((bucket, i) => {
    const at = [...ctx.bucketsAt, i];
    if (bucket.balance && ctx.at.length === 0) {
      issues.push({ paths: [[...at, 'balance']], message: 'balance bands are in minor units of one currency: move this bucket into a portfolio that sets `currency:`' });
    } else if (bucket.balance && ctx.currencies.length !== 1) {
      issues.push({ paths: [[...at, 'balance']], message: 'balance bands need the portfolio to set `currency:` (amounts are minor units of that currency)' });
    }
    issues.push(...checkRule(file, ctx, bucket, at));
  });
  const seen = new Set<string>();
  for (const { segment, at } of ctx.segments) {
    issues.push(...checkRule(file, ctx, segment, at));
    const own = at.length === ctx.at.length + 2;
    if (own && seen.has(segment.segment)) {
      issues.push({ paths: [[...at, 'segment']], message: `segment "${segment.segment}" already has a rule here: keep one rule per segment value` });
    }
    if (own) seen.add(segment.segment);
  }
  return issues;
}

function checkFileLevel(file: PolicyFile): PathIssue[] {
  const issues: PathIssue[] = [];
  file.currencies.forEach((code, i) => {
    if (!isKnownCurrency(code)) issues.push({ paths: [['currencies', i]], message: `unknown currency ${code}: use an ISO 4217 code such as COP, MXN, USD` });
  });
  const portfolioKeys = new Map<string, string>();
  (file.portfolios ?? []).forEach((p, i) => {
    if (p.currency && !isKnownCurrency(p.currency)) issues.push({ paths: [['portfolios', i, 'currency']], message: `unknown currency ${p.currency}: use an ISO 4217 code such as COP` });
    const key = `${p.creditor.trim().toLowerCase()}|${(p.product ?? '*').trim().toLowerCase()}`;
    const previous = portfolioKeys.get(key);
    if (previous) issues.push({ paths: [['portfolios', i, 'creditor']], message: `portfolio "${p.id}" covers the same creditor and product as "${previous}": merge them or change the product` });
    portfolioKeys.set(key, p.id);
  });
  return issues;
}

/**
 * Cross-field checks zod cannot express: bucket gaps and overlaps, min greater than max, first payment outside
 * the plan, currencies without a minimum installment, duplicates. Each issue names where and what to do. Pure.
 */
export function checkPolicySemantics(file: PolicyFile): PathIssue[] {
  const issues = checkFileLevel(file);
  for (const ctx of contextsOf(file)) {
    if (ctx.at.length === 0) issues.push(...checkRule(file, ctx, {}, ['defaults']));
    issues.push(...checkContext(file, ctx));
  }
  return issues;
}

