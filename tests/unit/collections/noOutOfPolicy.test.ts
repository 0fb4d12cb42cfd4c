import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/collections/dates/addPeriod';
import { localDate } from '../../../src/core/collections/dates/localDate';
import { isWithinPolicy } from '../../../src/core/collections/negotiation/isWithinPolicy';
import type { Offer } from '../../../src/core/collections/negotiation/offer';
import { offerSchema } from '../../../src/core/collections/registry/offerSchema';
import { createSession } from '../../../src/core/engine/createSession';
import { step } from '../../../src/core/engine/step';
import type { Effect, EngineEvent, Session } from '../../../src/core/engine/types';
import { CANONICAL_INTENTS, FREQUENCIES } from '../../../src/core/nlu/intents';
import type { Entities } from '../../../src/core/nlu/types';
import { createFlowRegistry } from '../../../src/createFlowRegistry';
import { createTestFacts, FIXTURE_NOW } from '../../../src/demo/createTestFacts';
import type { DemoFacts } from '../../../src/demo/demoFactsSchema';
import { loadTestFlows } from '../../../src/flowTesting/loadTestFlows';

// Property: whatever the debtor says, in any order, with any entity values, the default flows only ever propose,
// accept or record offers inside the account's policy, and never accept anything while a supervisor approval is
// pending (an out-of-policy request is never accepted automatically).
const flows = await loadTestFlows(join(import.meta.dirname, '..', '..', '..', 'flows'), createFlowRegistry());
const allFacts = createTestFacts();
const DEBTORS = ['co_maria', 'mx_jose', 'pe_rosa', 'cl_pablo', 'es_lucia', 'us_john', 'us_kim', 'us_ana'] as const;
const DAY = 86_400_000;

type Input =
  | { kind: 'message'; intent: string; entities: Entities; text: string }
  | { kind: 'system'; name: 'approval_granted' | 'approval_denied' | 'payment_received' }
  | { kind: 'wait'; days: number };

const amountArb = fc.record(
  {
    minor: fc.oneof(fc.constant(0), fc.integer({ min: -1_000_000, max: -1 }), fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1_000, max: 300_000_000 }), fc.integer({ min: 300_000_000, max: Number.MAX_SAFE_INTEGER })),
    currency: fc.constantFrom('COP', 'MXN', 'PEN', 'CLP', 'EUR', 'USD'),
  },
  { requiredKeys: ['minor'] },
);
const dateArb = fc.integer({ min: -400, max: 2_000 }).map((offset) => addDays(localDate(FIXTURE_NOW, 'UTC'), offset));
const entitiesArb: fc.Arbitrary<Entities> = fc.record(
  { amount: amountArb, count: fc.integer({ min: 0, max: 1_000 }), date: dateArb, frequency: fc.constantFrom(...FREQUENCIES) },
  { requiredKeys: [] },
);
const inputArb: fc.Arbitrary<Input> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('message' as const), intent: fc.constantFrom(...CANONICAL_INTENTS), entities: entitiesArb, text: fc.oneof(fc.constant('x'), fc.integer({ min: 0, max: 200 }).map(String)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('message' as const), intent: fc.constant('affirm'), entities: fc.constant({}), text: fc.constant('sí') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('system' as const), name: fc.constantFrom('approval_granted' as const, 'approval_denied' as const, 'payment_received' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 0, max: 20 }) }) },
);

/** The offer an effect carries, or null for effects that carry none. Throws on a malformed offer. */
function offerOf(effect: Effect): Offer | null {
  if (effect.type === 'propose_plan') return offerSchema.parse(effect.plan);
  if (effect.type === 'accept_plan') {
    const { accountId: _accountId, ...offer } = effect.plan;
    return offerSchema.parse(offer);
  }
  if (effect.type === 'record_promise') return { kind: 'promise', amount: effect.amount, date: effect.date };
  return null;
}

/** Runs one conversation and returns the first broken rule, or null. */
function findViolation(flowName: string, debtor: (typeof DEBTORS)[number], inputs: readonly Input[]): string | null {
  const flow = flows.byName.get(flowName);
  const facts: DemoFacts | undefined = allFacts[debtor];
  if (!flow || !facts) return `missing ${flowName} or ${debtor}`;
  let now = FIXTURE_NOW;
  const verify: EngineEvent = { kind: 'message', text: facts.debtor.documentLast4, intent: 'provide_info', entities: { identifier: facts.debtor.documentLast4 }, confidence: 0.99 };
  let session: Session = step(flow, createSession(flow, facts.debtor.locale), { kind: 'start' }, facts, now).session;
  session = step(flow, session, verify, facts, now).session;
  let pendingApproval = false;
  let lastProposed: string | null = null;
  for (const input of inputs) {
    if (input.kind === 'wait') {
      now = new Date(now.getTime() + input.days * DAY);
      continue;
    }
    const event: EngineEvent = input.kind === 'system' ? { kind: 'system', name: input.name } : { ...input, confidence: 0.9 };
    if (input.kind === 'system' && input.name !== 'payment_received') pendingApproval = false;
    const result = step(flow, session, event, facts, now);
    session = result.session;
    for (const effect of result.effects) {
      if (effect.type === 'request_approval') pendingApproval = true;
      const offer = offerOf(effect);
      if (!offer) continue;
      if (!isWithinPolicy(offer, facts.policy, facts.account, now, facts.debtor.timeZone)) return `${effect.type} outside policy at ${now.toISOString()}: ${JSON.stringify(offer)}`;
      if (effect.type === 'propose_plan') lastProposed = JSON.stringify(offer);
      else if (pendingApproval) return `${effect.type} while a supervisor approval is pending: ${JSON.stringify(offer)}`;
      else if (JSON.stringify(offer) !== lastProposed) return `${effect.type} of an offer that was not the one proposed: ${JSON.stringify(offer)}`;
    }
  }
  return null;
}

describe('the default flows never go outside policy (property)', () => {
  for (const flowName of ['collections.es', 'collections.en']) {
    it(`${flowName}: every proposed, accepted or recorded offer is within policy; nothing is accepted while approval is pending`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...DEBTORS), fc.array(inputArb, { minLength: 1, maxLength: 30 }), (debtor, inputs) => {
          expect(findViolation(flowName, debtor, inputs)).toBeNull();
        }),
        { numRuns: 1_000 },
      );
    }, 120_000);
  }

  it('reaches the interesting effects (so the property is not vacuous)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.constantFrom(...DEBTORS), fc.array(inputArb, { minLength: 5, maxLength: 30 }), (debtor, inputs) => {
        const flow = flows.byName.get('collections.es');
        const facts = allFacts[debtor];
        if (!flow || !facts) return;
        let session = step(flow, createSession(flow, facts.debtor.locale), { kind: 'start' }, facts, FIXTURE_NOW).session;
        session = step(flow, session, { kind: 'message', text: '', intent: 'provide_info', entities: { identifier: facts.debtor.documentLast4 }, confidence: 1 }, facts, FIXTURE_NOW).session;
        for (const input of inputs) {
          if (input.kind !== 'message') continue;
          const result = step(flow, session, { ...input, confidence: 0.9 }, facts, FIXTURE_NOW);
          session = result.session;
          for (const e of result.effects) seen.add(e.type);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
    expect([...seen]).toEqual(expect.arrayContaining(['propose_plan', 'accept_plan', 'record_promise', 'request_approval']));
  }, 120_000);
});
