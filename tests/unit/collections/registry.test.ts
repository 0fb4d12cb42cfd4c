import { describe, expect, it } from 'vitest';
import { createCollectionsRegistry } from '../../../src/core/collections/registry/createCollectionsRegistry';
import { collectionsFactsSchema, type CollectionsFacts } from '../../../src/core/collections/registry/collectionsFacts';
import { hashVerificationFactor } from '../../../src/core/collections/verification/hashVerificationFactor';
import { createBaseRegistry, createSession, mergeRegistries, parseFlow, step } from '../../../src/core/engine';
import type { EngineEvent, Session } from '../../../src/core/engine/types';
import { cop, copPolicy } from './support';

const flowYaml = `
id: collections-test
locales: [es]
initial: verify
states:
  verify:
    say: [ask_identifier]
    ask: { entity: identifier, slot: identifier }
    on:
      - intent: provide_info
        guard: identity_matches
        actions: [mark_verified]
        target: menu
      - intent: provide_info
        unless: verification_locked
        actions: [record_verification_failure]
        say: [mismatch]
    otherwise: { say: [ask_identifier] }
  menu:
    say: [menu]
    on:
      - intent: request_plan
        actions: [negotiate_plan]
        target: offer
  offer:
    say: [offer]
    on:
      - intent: affirm
        guard: has_offer
        actions: [accept_offer]
        target: done
      - intent: deny
        actions: [request_approval]
        target: done
  done:
    say: [bye]
    final: true
templates:
  es:
    ask_identifier: "Dime los últimos 4 dígitos de tu documento."
    mismatch: "No coincide. Te quedan {{slots.verificationAttemptsLeft}} intentos."
    menu: "Hola {{debtor.firstName}}, tu saldo es {{account.balance | money}}."
    offer: "Te propongo {{slots.offerSummary.count}} cuotas de {{slots.offerSummary.installmentAmount | money}} desde el {{slots.offerSummary.firstDueDate | date}}."
    bye: "Gracias."
`;

const salt = 'debtor-salt-maria';
const facts: CollectionsFacts = {
  debtor: { firstName: 'María', locale: 'es-CO', timeZone: 'America/Bogota', verification: { salt, hashes: [hashVerificationFactor('1234', salt)] } },
  creditor: { name: 'Banco Andino' },
  account: { id: 'acc-co-1234', product: 'Tarjeta de crédito', balance: cop(100_000_000), dueDate: '2026-10-01', daysPastDue: 50, activePromise: null, activePlan: null },
  policy: copPolicy(),
};
const now = new Date('2026-11-20T15:00:00Z');
const message = (intent: string, entities: Record<string, unknown> = {}, text = 'x'): EngineEvent => ({ kind: 'message', text, intent, entities, confidence: 0.95 });

function load() {
  const merged = mergeRegistries(createBaseRegistry(), createCollectionsRegistry({ maxVerificationAttempts: 3, verificationLockMinutes: 30 }));
  if (!merged.ok) throw new Error(merged.error.message);
  const parsed = parseFlow(flowYaml, 'collections-test.yaml', merged.registry);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.flow;
}

describe('collections registry in a real flow', () => {
  it('facts used here match the documented CollectionsFacts schema', () => {
    expect(collectionsFactsSchema.safeParse(facts).success).toBe(true);
  });

  it('verifies, negotiates a plan inside policy and accepts it with a plain JSON effect', () => {
    const flow = load();
    let session: Session = step(flow, createSession(flow, 'es-CO'), { kind: 'start' }, facts, now).session;
    let result = step(flow, session, message('provide_info', { identifier: '9999' }), facts, now);
    expect(result.session.state).toBe('verify');
    expect(result.effects.filter((e) => e.type === 'say').map((e) => e.type === 'say' && e.text)).toEqual(['No coincide. Te quedan 2 intentos.']);
    result = step(flow, result.session, message('provide_info', { identifier: '12 34' }), facts, now);
    expect(result.session.state).toBe('menu');
    expect(result.session.slots.verified).toBe(true);
    expect(JSON.stringify(result.effects)).not.toContain('1234');
    result = step(flow, result.session, message('request_plan', { count: 12, frequency: 'monthly' }), facts, now);
    const say = result.effects.find((e) => e.type === 'say' && e.template === 'offer');
    expect(say?.type === 'say' && say.text.replace(/\s/g, ' ')).toBe('Te propongo 6 cuotas de $ 166.666 desde el 30 de noviembre de 2026.');
    const proposed = result.effects.find((e) => e.type === 'propose_plan');
    expect(proposed?.type === 'propose_plan' && proposed.plan.kind).toBe('plan');
    session = result.session;
    result = step(flow, session, message('affirm'), facts, now);
    const accepted = result.effects.find((e) => e.type === 'accept_plan');
    expect(accepted?.type === 'accept_plan' && accepted.plan).toMatchObject({ kind: 'plan', accountId: 'acc-co-1234', plan: { count: 6, total: cop(100_000_000) } });
    expect(JSON.parse(JSON.stringify(accepted))).toEqual(accepted);
  });

  it('locks verification after the configured attempts, even for the right answer', () => {
    const flow = load();
    let session = step(flow, createSession(flow, 'es-CO'), { kind: 'start' }, facts, now).session;
    for (const wrong of ['1111', '2222', '3333']) session = step(flow, session, message('provide_info', { identifier: wrong }), facts, now).session;
    expect(session.slots.verificationLockUntil).toBe('2026-11-20T15:30:00.000Z');
    const right = step(flow, session, message('provide_info', { identifier: '1234' }), facts, new Date('2026-11-20T15:10:00Z'));
    expect(right.session.state).toBe('verify');
    expect(right.session.slots.verified).toBeUndefined();
  });

  it('sends a rejected offer to supervisor approval instead of accepting it', () => {
    const flow = load();
    let session = step(flow, createSession(flow, 'es-CO'), { kind: 'start' }, facts, now).session;
    session = step(flow, session, message('provide_info', { identifier: '1234' }), facts, now).session;
    session = step(flow, session, message('request_plan', { amount: { minor: 2_000_000 } }), facts, now).session;
    const result = step(flow, session, message('deny'), facts, now);
    expect(result.effects.some((e) => e.type === 'accept_plan')).toBe(false);
    expect(result.effects.find((e) => e.type === 'request_approval')).toMatchObject({ request: { accountId: 'acc-co-1234', reason: 'DEBTOR_ASKED' } });
  });

  it('audits invalid facts instead of throwing', () => {
    const registry = createCollectionsRegistry();
    const ctx = { session: { flowId: 'f', flowVersion: 'v', state: 's', slots: {}, attempts: {}, locale: 'es', status: 'active' as const }, event: message('request_plan'), facts: { debtor: { firstName: 'A', locale: 'es', timeZone: 'UTC' } }, now, timeZone: 'UTC' };
    expect(registry.actions.negotiate_plan?.run(ctx).effects?.[0]).toMatchObject({ type: 'audit', code: 'COLLECTIONS.FACTS_INVALID' });
    expect(registry.guards.identity_matches?.(ctx)).toBe(false);
  });
});
