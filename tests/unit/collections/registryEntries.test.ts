import { describe, expect, it } from 'vitest';
import { createCollectionsRegistry } from '../../../src/core/collections/registry/createCollectionsRegistry';
import { collectionsFactsSchema } from '../../../src/core/collections/registry/collectionsFacts';
import type { EngineEvent, Session, StepContext } from '../../../src/core/engine/types';
import { createTestFacts, FIXTURE_NOW } from '../../../src/demo/createTestFacts';

const facts = createTestFacts();
const registry = createCollectionsRegistry();
const session = (slots: Record<string, unknown> = {}): Session => ({ flowId: 'f', flowVersion: 'v', state: 's', slots, attempts: {}, locale: 'es-CO', status: 'active' });
const message = (intent: string, entities: Record<string, unknown> = {}, text = 'x'): EngineEvent => ({ kind: 'message', text, intent, entities, confidence: 0.9 });
const ctx = (name: keyof typeof facts, event: EngineEvent, slots: Record<string, unknown> = {}, now = FIXTURE_NOW): StepContext => {
  const f = facts[name];
  if (!f) throw new Error(`no fixture ${name}`);
  return { session: session(slots), event, facts: f, now, timeZone: f.debtor.timeZone };
};
const run = (action: string, c: StepContext) => {
  const def = registry.actions[action];
  if (!def) throw new Error(`no action ${action}`);
  return def.run(c);
};

describe('collections registry entries used by the default flows', () => {
  it('fixtures are CollectionsFacts built through the domain: hashes only, a resolved policy, a signed link', () => {
    for (const f of Object.values(facts)) {
      expect(collectionsFactsSchema.safeParse(f).success).toBe(true);
      expect(JSON.stringify(f.debtor.verification)).not.toContain(f.debtor.documentLast4);
    }
    expect(facts.co_maria?.policy).toMatchObject({ policyId: 'banco-andino', ruleId: 'late', settlement: { maxDiscountBp: 2000 } });
    expect(facts.co_maria?.paymentLink?.url).toMatch(/amount=1250000\.00&cur=COP&ref=acc-co_maria-full&sig=/);
  });

  it('a bare small number while negotiating a plan counts installments; with other terms it is an amount', () => {
    const bare = run('negotiate_plan', ctx('co_maria', message('propose_amount', { amount: { minor: 300, currency: 'COP' } }, ' 3 ')));
    expect(bare.effects?.[0]).toMatchObject({ type: 'propose_plan', plan: { kind: 'plan', plan: { count: 3 } } });
    const amount = run('negotiate_plan', ctx('co_maria', message('request_plan', { amount: { minor: 20_000_000 } }, '200 mil al mes'), { count: 4 }));
    // 200 mil is a ceiling: 1.125.000 after the down payment in 6 × 187.500, not 5 × 225.000.
    expect(amount.effects?.[0]).toMatchObject({ type: 'propose_plan', plan: { kind: 'plan', plan: { count: 6 } } });
  });

  it('a payment date the NLU put next year is read as last year; a future one is unknown', () => {
    expect(run('record_payment_claim', ctx('co_maria', message('provide_info', { date: '2027-11-20' }))).slots).toMatchObject({ paidOn: '2026-11-20', paymentClaimed: true });
    expect(run('record_payment_claim', ctx('co_maria', message('provide_info', { date: '2028-01-10' }))).slots).toMatchObject({ paidOn: null });
  });

  it('lock_verification sets a lock and hands off; a lock kept in facts blocks the right answer', () => {
    const locked = run('lock_verification', ctx('co_maria', message('unknown')));
    expect(locked.slots).toMatchObject({ verificationLockUntil: '2026-11-23T15:30:00.000Z' });
    expect(locked.effects).toEqual([{ type: 'audit', code: 'VERIFICATION.LOCKED', data: { lockUntil: '2026-11-23T15:30:00.000Z' } }, { type: 'handoff', reason: 'verification_locked' }]);
    const andres = ctx('co_andres', message('provide_info', { identifier: '8642' }));
    expect(registry.guards.verification_locked?.(andres)).toBe(true);
    expect(registry.guards.identity_matches?.(andres)).toBe(false);
    expect(registry.guards.identity_matches?.(ctx('co_andres', message('provide_info', { identifier: '8642' }), {}, new Date('2026-11-25T15:00:00Z')))).toBe(true);
  });

  it('alternatives follow the policy order, skipping the full payment and the kind just declined', () => {
    const first = run('make_alternative_offer', ctx('co_maria', message('cant_pay')));
    expect(first.slots).toMatchObject({ offerIndex: 2, offerSummary: { kind: 'settlement' } });
    const next = run('make_alternative_offer', ctx('co_maria', message('deny'), { ...first.slots }));
    expect(next.slots).toMatchObject({ offerSummary: { kind: 'plan' } });
    const none = run('make_alternative_offer', ctx('co_maria', message('deny'), { ...next.slots }));
    expect(none.slots).toMatchObject({ outcome: 'no_more_offers', offer: null });
  });

  it('the balance summary names the next unpaid installment and what remains of a promise', () => {
    expect(run('summarize_account', ctx('pe_rosa', message('ask_balance'))).slots).toEqual({
      accountSummary: { nextInstallment: { number: 2, amount: { minor: 50_000, currency: 'PEN' }, dueDate: '2026-11-05' }, installmentsLeft: 3 },
    });
    expect(run('summarize_account', ctx('mx_jose', message('ask_balance'))).slots).toMatchObject({ accountSummary: { promise: { remaining: { minor: 150_000, currency: 'MXN' } } } });
  });

  it('an offer proposed days ago is no longer valid once its dates have passed', () => {
    const proposed = run('offer_full_payment', ctx('es_lucia', message('pay_now')));
    expect(registry.guards.offer_still_valid?.(ctx('es_lucia', message('affirm'), { ...proposed.slots }))).toBe(true);
    expect(registry.guards.offer_still_valid?.(ctx('es_lucia', message('affirm'), { ...proposed.slots }, new Date('2026-12-05T15:00:00Z')))).toBe(false);
  });
});
