import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicies } from '../../../src/adapters/policies/loadPolicies';
import { formatPolicyIssue, parsePolicy } from '../../../src/core/collections/policy/parsePolicy';
import { resolvePolicy, type PolicyAccount } from '../../../src/core/collections/policy/resolvePolicy';

const root = join(import.meta.dirname, '..', '..', '..');
const fixture = (name: string) => {
  const file = join('tests', 'fixtures', 'policies', name);
  const result = parsePolicy(readFileSync(join(root, file), 'utf8'), file);
  return result.ok ? [] : result.issues.map(formatPolicyIssue);
};

async function loadShipped() {
  const loaded = await loadPolicies(join(root, 'flows', 'policies'));
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.policies;
}

const account = (over: Partial<PolicyAccount> = {}): PolicyAccount => ({
  creditor: 'Otro Banco', product: 'Préstamo', balance: { minor: 300_000_000, currency: 'COP' }, dueDate: '2026-10-01', segment: null, timeZone: 'America/Bogota', ...over,
});

describe('policy files', () => {
  it('loads every shipped policy in flows/policies', async () => {
    const policies = await loadShipped();
    expect(policies.map((p) => p.id).sort()).toEqual(['banco-andino', 'default', 'lakeside-credit-union']);
  });

  it('reports shape errors at file:line:column with what to do', () => {
    expect(fixture('bad-shape.yaml')).toEqual([
      'tests/fixtures/policies/bad-shape.yaml:6:37: defaults.settlement.maxDiscountPercent: a percentage must be between 0 and 100',
      'tests/fixtures/policies/bad-shape.yaml:11:28: defaults.installments.frequencies.1: unknown frequency "fortnightly": use weekly, biweekly, monthly',
      'tests/fixtures/policies/bad-shape.yaml:14:47: defaults.promise.grce: unknown key "grce": check the spelling or remove it (see flows/README.md)',
    ]);
  });

  it('reports overlapping and missing buckets, min greater than max, and currencies without a minimum installment', () => {
    expect(fixture('bad-semantics.yaml')).toEqual([
      'tests/fixtures/policies/bad-semantics.yaml:13:29: defaults.installments.firstPaymentWithinDays: firstPaymentWithinDays (10) is greater than maxPlanDays (5): the first payment must fall inside the plan',
      'tests/fixtures/policies/bad-semantics.yaml:10:21: defaults.installments.minAmountMinor: no minimum installment for MXN: add MXN: <minor units> under installments.minAmountMinor',
      'tests/fixtures/policies/bad-semantics.yaml:19:18: buckets.1.daysPastDue: bucket "early" (days 25–90) overlaps bucket "current" (days 0–30): make the ranges meet without sharing a day or a balance',
      'tests/fixtures/policies/bad-semantics.yaml:16:3: buckets: no bucket covers 91–99 days past due: extend a neighbouring bucket or add one (the last bucket may omit `to`)',
    ]);
    expect(fixture('bad-gap.yaml')).toEqual([
      'tests/fixtures/policies/bad-gap.yaml:16:3: buckets: no bucket covers 31–60 days past due: extend a neighbouring bucket or add one (the last bucket may omit `to`)',
      'tests/fixtures/policies/bad-gap.yaml:32:38: portfolios.0.buckets.2.daysPastDue.to: daysPastDue.from (10) is greater than to (5): swap them or fix the range',
    ]);
    expect(fixture('bad-balance-gap.yaml')).toEqual([
      'tests/fixtures/policies/bad-balance-gap.yaml:23:7: portfolios.0.buckets: no bucket covers 0 and above days past due with a balance of 100001–199999 minor units: extend a balance band or add a bucket',
    ]);
    expect(fixture('bad-syntax.yaml')[0]).toMatch(/^tests\/fixtures\/policies\/bad-syntax\.yaml:3:1: .*fix the YAML syntax/);
  });
});

describe('resolvePolicy', () => {
  it('falls back to the default file and picks the bucket by days past due in the debtor time zone', async () => {
    const set = await loadShipped();
    const early = resolvePolicy(set, account(), new Date('2026-11-15T12:00:00Z'));
    expect(early.ok && early.value).toMatchObject({ policyId: 'default', ruleId: 'early', settlement: { maxDiscountBp: 1_000 }, installments: { minAmount: { minor: 5_000_000, currency: 'COP' } } });
    const late = resolvePolicy(set, account({ dueDate: '2026-06-01' }), new Date('2026-11-15T12:00:00Z'));
    expect(late.ok && late.value.ruleId).toBe('late');
    expect(late.ok && late.value.installments.maxCount).toBe(12);
    const hardship = resolvePolicy(set, account({ segment: 'hardship' }), new Date('2026-11-15T12:00:00Z'));
    expect(hardship.ok && hardship.value).toMatchObject({ ruleId: 'hardship', maxCounterOffers: 3, installments: { frequencies: ['biweekly', 'monthly'] } });
  });

  it('matches creditor and product first, then balance bands, then creditor only', async () => {
    const set = await loadShipped();
    const now = new Date('2026-11-15T12:00:00Z');
    const card = (minor: number) => resolvePolicy(set, account({ creditor: 'banco andino', product: 'Tarjeta de crédito', balance: { minor, currency: 'COP' } }), now);
    const small = card(150_000_000);
    expect(small.ok && [small.value.portfolioId, small.value.ruleId, small.value.maxCounterOffers, small.value.installments.minDownPaymentBp]).toEqual(['banco-andino-tc', 'early-small', 3, 1_000]);
    const large = card(250_000_000);
    expect(large.ok && [large.value.ruleId, large.value.installments.minAmount.minor]).toEqual(['early-large', 10_000_000]);
    const loan = resolvePolicy(set, account({ creditor: 'Banco Andino', product: 'Libre inversión' }), now);
    expect(loan.ok && [loan.value.portfolioId, loan.value.settlement.maxDiscountBp]).toEqual(['banco-andino-loans', 500]);
    const usd = resolvePolicy(set, account({ creditor: 'Banco Andino', balance: { minor: 100, currency: 'USD' } }), now);
    expect(!usd.ok && usd.error.code).toBe('POLICY.CURRENCY_MISMATCH');
    const gbp = resolvePolicy(set, account({ balance: { minor: 100, currency: 'GBP' } }), now);
    expect(!gbp.ok && gbp.error.code).toBe('POLICY.NO_MIN_INSTALLMENT');
  });
});
