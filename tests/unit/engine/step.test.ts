import { describe, expect, it } from 'vitest';
import { createSession } from '../../../src/core/engine/createSession';
import { step } from '../../../src/core/engine/step';
import type { CompiledFlow } from '../../../src/core/engine/compiledFlow';
import type { Effect, EngineEvent, Facts, Session } from '../../../src/core/engine/types';
import { FACTS, loadFixture, message, NOW } from './support';

const flow = loadFixture('sample.yaml');

function says(effects: Effect[]): string[] {
  return effects.flatMap((e) => (e.type === 'say' ? [e.text] : []));
}

function run(events: EngineEvent[], options: { flow?: CompiledFlow; locale?: string; facts?: Facts } = {}): { session: Session; effects: Effect[][] } {
  const f = options.flow ?? flow;
  let session = createSession(f, options.locale ?? 'es-CO');
  const effects: Effect[][] = [];
  for (const event of events) {
    const result = step(f, session, event, options.facts ?? FACTS, NOW);
    session = result.session;
    effects.push(result.effects);
  }
  return { session, effects };
}

const verifyOk = message('provide_info', { identifier: '1234' });
const verifyBad = message('provide_info', { identifier: '9999' });

describe('step', () => {
  it('start enters the initial state, says it, follows always and schedules the inactivity timer', () => {
    const { session, effects } = run([{ kind: 'start' }]);
    expect(effects[0]).toEqual([
      { type: 'audit', code: 'FLOW.TRANSITION', data: { from: null, to: 'greeting', trigger: 'start', via: 'start' } },
      { type: 'say', template: 'greeting', text: 'Hola Ana, te escribe Banco Uno sobre un asunto personal.' },
      { type: 'audit', code: 'FLOW.TRANSITION', data: { from: 'greeting', to: 'verify', trigger: 'always', via: 'always' } },
      { type: 'say', template: 'ask_identifier', text: 'Para continuar, escribe los últimos 4 dígitos de tu documento.' },
      { type: 'schedule', timer: 'inactivity:verify', at: '2026-03-11T15:00:00.000Z' },
    ]);
    expect(session).toMatchObject({ state: 'verify', status: 'active', flowId: 'sample', flowVersion: flow.version });
  });

  it('fills the asked slot before guards run and merges slots returned by actions', () => {
    const { session, effects } = run([{ kind: 'start' }, verifyOk]);
    expect(session.state).toBe('menu');
    expect(session.slots).toEqual({ identifier: '1234', verified: true });
    expect(effects[1]).toEqual([
      { type: 'audit', code: 'FLOW.TRANSITION', data: { from: 'verify', to: 'menu', trigger: 'intent:provide_info', via: 'on' } },
      { type: 'cancel_schedule', timer: 'inactivity:verify' },
      { type: 'say', template: 'menu', text: '¿Qué quieres hacer?' },
      { type: 'schedule', timer: 'inactivity:menu', at: '2026-03-10T15:30:00.000Z' },
    ]);
  });

  it('a self-target re-enters the state and counts an attempt; reaching retries.max takes the retry transition', () => {
    const { session, effects } = run([{ kind: 'start' }, verifyBad, verifyBad, verifyBad]);
    expect(says(effects[1] ?? [])).toEqual(['Esos datos no coinciden.', 'Para continuar, escribe los últimos 4 dígitos de tu documento.']);
    expect(effects[1]).toContainEqual({ type: 'cancel_schedule', timer: 'inactivity:verify' });
    expect(says(effects[3] ?? [])).toEqual(['Demasiados intentos.', 'Bloqueado.']);
    expect(effects[3]?.[0]).toEqual({ type: 'audit', code: 'FLOW.TRANSITION', data: { from: 'verify', to: 'verification_locked', trigger: 'retries', via: 'retries' } });
    expect(effects[3]).toContainEqual({ type: 'end' });
    expect(session).toMatchObject({ state: 'verification_locked', status: 'ended', attempts: {} });
  });

  it('otherwise counts attempts too, and attempts reset when the state is left', () => {
    const two = run([{ kind: 'start' }, message('greet'), message('greet')]);
    expect(two.session.attempts).toEqual({ verify: 2 });
    expect(says(two.effects[1] ?? [])).toEqual(['No te entendí.']);
    const left = run([{ kind: 'start' }, message('greet'), verifyOk]);
    expect(left.session.attempts).toEqual({});
  });

  it('matches state transitions first, then the override, then the global', () => {
    const inVerify = run([{ kind: 'start' }, message('help')]);
    expect(says(inVerify.effects[1] ?? [])).toEqual(['Necesito verificar tu identidad primero.']);
    const inMenu = run([{ kind: 'start' }, verifyOk, message('help')]);
    expect(says(inMenu.effects[2] ?? [])).toEqual(['Puedo darte tu saldo o ayudarte a pagar.']);
    expect(inMenu.effects[2]?.[0]).toMatchObject({ data: { from: 'menu', to: 'menu', via: 'global' } });
    // Staying after a message re-arms the inactivity timer from now; it does not re-enter (no menu say).
    expect(inMenu.effects[2]).toContainEqual({ type: 'schedule', timer: 'inactivity:menu', at: '2026-03-10T15:30:00.000Z' });
    expect(inMenu.session.state).toBe('menu');
  });

  it('a global with a target runs its actions (effects as data) and can end the conversation', () => {
    const { session, effects } = run([{ kind: 'start' }, message('opt_out')]);
    expect(effects[1]).toEqual([
      { type: 'audit', code: 'FLOW.TRANSITION', data: { from: 'verify', to: 'opted_out', trigger: 'intent:opt_out', via: 'global' } },
      { type: 'opt_out' },
      { type: 'say', template: 'opted_out', text: 'No te escribiremos más.' },
      { type: 'cancel_schedule', timer: 'inactivity:verify' },
      { type: 'end' },
    ]);
    expect(session.slots).toEqual({ optedOut: true });
    expect(session.status).toBe('ended');
  });

  it('request_handoff emits a handoff effect with the reason', () => {
    const { effects } = run([{ kind: 'start' }, message('human_agent')]);
    expect(effects[1]).toContainEqual({ type: 'handoff', reason: 'requested_by_debtor' });
  });

  it('system events match state transitions, else globals, else are audited as unhandled', () => {
    const payment: EngineEvent = { kind: 'system', name: 'payment_received' };
    const inMenu = run([{ kind: 'start' }, verifyOk, payment]);
    expect(inMenu.session).toMatchObject({ state: 'thanks', status: 'ended' });
    expect(says(inMenu.effects[2] ?? [])).toEqual(['¡Gracias!']);
    const inVerify = run([{ kind: 'start' }, payment]);
    expect(says(inVerify.effects[1] ?? [])).toEqual(['Recibimos tu pago.']);
    const unknown = run([{ kind: 'start' }, { kind: 'system', name: 'nothing_here' }]);
    expect(unknown.effects[1]).toEqual([{ type: 'audit', code: 'FLOW.UNHANDLED_EVENT', data: { state: 'verify', trigger: 'event:nothing_here' } }]);
  });

  it('a timeout for the current state takes the inactivity transition; a stale one is ignored with an audit', () => {
    const fired = run([{ kind: 'start' }, { kind: 'timeout', timer: 'inactivity:verify' }]);
    expect(says(fired.effects[1] ?? [])).toEqual(['¿Sigues ahí?', 'Hasta luego.']);
    expect(fired.effects[1]?.[0]).toMatchObject({ data: { from: 'verify', to: 'idle', trigger: 'timeout:inactivity:verify', via: 'inactivity' } });
    expect(fired.session.status).toBe('ended');
    const stale = run([{ kind: 'start' }, verifyOk, { kind: 'timeout', timer: 'inactivity:verify' }]);
    expect(stale.effects[2]).toEqual([{ type: 'audit', code: 'FLOW.STALE_TIMER', data: { timer: 'inactivity:verify', state: 'menu' } }]);
    expect(stale.session.state).toBe('menu');
  });

  it('after the end, events produce no say', () => {
    const { effects, session } = run([{ kind: 'start' }, message('opt_out'), message('help'), { kind: 'start' }]);
    expect(says(effects[2] ?? [])).toEqual([]);
    expect(effects[2]).toEqual([{ type: 'audit', code: 'FLOW.IGNORED_AFTER_END', data: { state: 'opted_out', event: 'message' } }]);
    expect(says(effects[3] ?? [])).toEqual([]);
    expect(session.status).toBe('ended');
  });

  it('an unmatched message with no otherwise is audited and changes nothing', () => {
    const { effects, session } = run([{ kind: 'start' }, verifyOk, message('greet')]);
    expect(effects[2]).toEqual([{ type: 'audit', code: 'FLOW.NO_MATCH', data: { state: 'menu', trigger: 'intent:greet' } }]);
    expect(session.state).toBe('menu');
  });

  it('renders money and dates in the session locale, regional templates over the language', () => {
    const mx = run([{ kind: 'start' }, verifyOk, message('ask_balance')], {
      locale: 'es-MX',
      facts: { ...FACTS, account: { balance: { minor: 1_234_567, currency: 'MXN' }, dueDate: '2026-12-15' } },
    });
    expect(says(mx.effects[2] ?? [])).toEqual(['Tu adeudo es $12,345.67 con vencimiento el 15 de diciembre de 2026.']);
    const co = run([{ kind: 'start' }, verifyOk, message('ask_balance')]);
    expect(says(co.effects[2] ?? []).map((t) => t.replace(/\s/g, ' '))).toEqual(['Tu saldo es $ 150.000 y vence el 15 de diciembre de 2026.']);
    const en = run([{ kind: 'start' }, verifyOk, message('ask_balance')], { locale: 'en-US' });
    expect(says(en.effects[2] ?? []).map((t) => t.replace(/\s/g, ' '))).toEqual(['Your balance is COP 150,000, due December 15, 2026.']);
  });

  it('a missing template variable renders empty and is audited, never thrown', () => {
    const facts: Facts = { debtor: { firstName: 'Ana', locale: 'es-CO', timeZone: 'America/Bogota' } };
    const { effects } = run([{ kind: 'start' }], { facts });
    expect(effects[0]).toContainEqual({ type: 'audit', code: 'TEMPLATE.MISSING_VARIABLE', data: { template: 'greeting', variable: 'creditor.name' } });
    expect(says(effects[0] ?? [])[0]).toBe('Hola Ana, te escribe  sobre un asunto personal.');
  });

  it('an amount said without currency takes the account currency in templates', () => {
    const { effects, session } = run([{ kind: 'start' }, verifyOk, message('propose_amount', { amount: { minor: 5_000_000 } })]);
    expect(session.slots.amount).toEqual({ minor: 5_000_000 });
    expect(says(effects[2] ?? []).map((t) => t.replace(/\s/g, ' '))).toEqual(['¿Confirmas un pago de $ 50.000?']);
  });

  it('is pure: the input session is not mutated and the same inputs give the same output', () => {
    const start = createSession(flow, 'es-CO');
    const frozen = structuredClone(start);
    const a = step(flow, start, { kind: 'start' }, FACTS, NOW);
    const b = step(flow, start, { kind: 'start' }, FACTS, NOW);
    expect(start).toEqual(frozen);
    expect(a).toEqual(b);
    const after = step(flow, a.session, verifyOk, FACTS, NOW);
    expect(a.session.slots).toEqual({});
    expect(after.session.slots).not.toBe(a.session.slots);
  });

  it('a throwing registry guard or action is audited instead of failing the step', () => {
    const broken = loadFixture('sample.yaml', {
      guards: { identity_matches: () => { throw new Error('boom'); }, has_amount: () => true },
      actions: {
        mark_verified: { run: () => ({}) },
        remember_amount: { writes: ['amount'], run: () => ({}) },
        record_opt_out: { run: () => { throw new Error('bad'); } },
        request_handoff: { run: () => ({}) },
      },
    });
    const { effects } = run([{ kind: 'start' }, verifyOk, message('opt_out')], { flow: broken });
    expect(effects[1]).toContainEqual({ type: 'audit', code: 'FLOW.GUARD_ERROR', data: { guard: 'identity_matches', error: 'boom' } });
    expect(effects[2]).toContainEqual({ type: 'audit', code: 'FLOW.ACTION_ERROR', data: { action: 'record_opt_out', error: 'bad' } });
  });

  it('clear_slots removes every slot', () => {
    const withClear = loadFixture('clear.yaml');
    const { session } = run([{ kind: 'start' }, message('propose_amount', { amount: { minor: 100, currency: 'USD' } }), message('deny')], { flow: withClear });
    expect(session.slots).toEqual({});
    expect(session.state).toBe('ask');
  });

  it('stops a cycle of guarded always transitions with an audit', () => {
    const looping = loadFixture('always-loop.yaml');
    const { effects } = run([{ kind: 'start' }], { flow: looping });
    expect(effects[0]).toContainEqual({ type: 'audit', code: 'FLOW.ALWAYS_LOOP', data: { state: expect.any(String) } });
  });
});
