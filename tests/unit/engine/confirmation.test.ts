import { describe, expect, it } from 'vitest';
import { createSession } from '../../../src/core/engine/createSession';
import { parseFlow } from '../../../src/core/engine/parseFlow';
import { step } from '../../../src/core/engine/step';
import type { CompiledFlow } from '../../../src/core/engine/compiledFlow';
import type { EngineEvent, Session } from '../../../src/core/engine/types';
import type { Entities } from '../../../src/core/nlu/types';
import { createTestRegistry, FACTS, NOW } from './support';

/** A small promise flow that opts in to confirmation; `extra` adds lines under templates.es. */
function flowYaml(opts: { confirmation?: boolean; templates?: string } = {}): string {
  return `id: confirm-test
locales: [es]
initial: menu
${opts.confirmation === false ? '' : 'confirmation: true\n'}globals:
  opt_out: { say: [opted_out], actions: [record_opt_out], target: opted_out }
states:
  menu:
    on:
      - intent: promise_to_pay
        guard: has_date
        actions: [remember_amount, remember_date]
        say: [promise_recorded]
        target: done
      - intent: ask_balance
        say: [balance]
    otherwise: { say: [menu_hint] }
    inactivity: { after: 24h, say: [menu_hint] }
  done:
    final: true
  opted_out:
    final: true
templates:
  es:
    promise_recorded: "Anotado: {{slots.amount | money}} el {{slots.date | date}}."
    balance: "Debes {{account.balance | money}}."
    menu_hint: "¿Qué quieres hacer?"
    opted_out: "Listo, no te escribimos más."
${opts.templates ?? `    confirm_values: "¿Confirmas que pagarás {{slots._pending_amount | money}} el {{slots._pending_date | date}}?"
    confirm_rejected: "Entendido, no anoté nada."`}
`;
}

function load(source: string): CompiledFlow {
  const parsed = parseFlow(source, 'confirm.yaml', createTestRegistry());
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`).join('\n'));
  return parsed.flow;
}

function message(intent: string, entities: Entities = {}, needsConfirmation?: boolean): EngineEvent {
  return { kind: 'message', text: 'pago 50 mil el 15', intent, entities, confidence: 0.9, ...(needsConfirmation === undefined ? {} : { needsConfirmation }) };
}

const promise: Entities = { amount: { minor: 5_000_000, currency: 'COP' }, date: '2026-03-15' };

function says(effects: ReturnType<typeof step>['effects']): string[] {
  return effects.flatMap((e) => (e.type === 'say' ? [`${e.template}: ${e.text.replace(/\s/g, ' ')}`] : []));
}

function ask(flow: CompiledFlow): Session {
  const first = step(flow, createSession(flow, 'es-CO'), message('promise_to_pay', promise, true), FACTS, NOW);
  return first.session;
}

describe('confirmation of values only the model understood', () => {
  it('asks to confirm instead of acting, keeping the event pending in the session', () => {
    const flow = load(flowYaml());
    const { session, effects } = step(flow, createSession(flow, 'es-CO'), message('promise_to_pay', promise, true), FACTS, NOW);
    expect(says(effects)).toEqual(['confirm_values: ¿Confirmas que pagarás $ 50.000 el 15 de marzo de 2026?']);
    expect(session.state).toBe('menu');
    expect(session.slots._pending).toMatchObject({ intent: 'promise_to_pay', state: 'menu', entities: promise });
    expect(session.slots.amount).toBeUndefined();
    expect(effects).toContainEqual({ type: 'audit', code: 'FLOW.CONFIRMATION_REQUESTED', data: { state: 'menu', intent: 'promise_to_pay', amount: promise.amount, date: promise.date } });
    expect(effects.some((e) => e.type === 'schedule')).toBe(true);
  });

  it('affirm replays the pending event as if confirmed', () => {
    const flow = load(flowYaml());
    const { session, effects } = step(flow, ask(flow), message('affirm'), FACTS, NOW);
    expect(says(effects)).toEqual(['promise_recorded: Anotado: $ 50.000 el 15 de marzo de 2026.']);
    expect(session.state).toBe('done');
    expect(session.slots).toMatchObject({ amount: promise.amount, date: promise.date });
    expect(session.slots._pending).toBeUndefined();
    expect(session.slots._pending_amount).toBeUndefined();
    expect(effects).toContainEqual({ type: 'audit', code: 'FLOW.CONFIRMATION_ACCEPTED', data: { state: 'menu', intent: 'promise_to_pay' } });
  });

  it.each(['deny', 'unknown'])('%s says confirm_rejected and discards the pending event', (intent) => {
    const flow = load(flowYaml());
    const { session, effects } = step(flow, ask(flow), message(intent), FACTS, NOW);
    expect(says(effects)).toEqual(['confirm_rejected: Entendido, no anoté nada.']);
    expect(session.state).toBe('menu');
    expect(session.slots._pending).toBeUndefined();
    // A later affirm has nothing to replay.
    const later = step(flow, session, message('affirm'), FACTS, NOW);
    expect(says(later.effects)).toEqual(['menu_hint: ¿Qué quieres hacer?']);
  });

  it('another request discards the pending event, says confirm_rejected, and is then handled (opt-out still works)', () => {
    const flow = load(flowYaml());
    const balance = step(flow, ask(flow), message('ask_balance'), FACTS, NOW);
    expect(says(balance.effects)).toEqual(['confirm_rejected: Entendido, no anoté nada.', 'balance: Debes $ 150.000.']);
    const stop = step(flow, ask(flow), message('opt_out'), FACTS, NOW);
    expect(stop.effects).toContainEqual({ type: 'opt_out' });
    expect(stop.session.state).toBe('opted_out');
  });

  it('acts at once on an event without needsConfirmation, and on a flagged one when the flow did not opt in (audited)', () => {
    const plain = load(flowYaml());
    expect(says(step(plain, createSession(plain, 'es-CO'), message('promise_to_pay', promise), FACTS, NOW).effects)[0]).toMatch(/^promise_recorded/);
    const optedOut = load(flowYaml({ confirmation: false, templates: '' }));
    const { effects, session } = step(optedOut, createSession(optedOut, 'es-CO'), message('promise_to_pay', promise, true), FACTS, NOW);
    expect(session.state).toBe('done');
    expect(effects).toContainEqual({ type: 'audit', code: 'FLOW.UNCONFIRMED_VALUES', data: { state: 'menu', intent: 'promise_to_pay' } });
  });

  it('uses confirm_date when only a date is pending and the flow defines it', () => {
    const flow = load(flowYaml({
      templates: `    confirm_values: "¿{{slots._pending_amount | money}} el {{slots._pending_date | date}}?"
    confirm_date: "¿Pagarás el {{slots._pending_date | date}}?"
    confirm_rejected: "Entendido, no anoté nada."`,
    }));
    const { effects } = step(flow, createSession(flow, 'es-CO'), message('promise_to_pay', { date: '2026-03-15' }, true), FACTS, NOW);
    expect(says(effects)).toEqual(['confirm_date: ¿Pagarás el 15 de marzo de 2026?']);
  });

  it('the loader requires both templates only when the flow opts in', () => {
    const missing = parseFlow(flowYaml({ templates: '    confirm_values: "¿Sí?"' }), 'confirm.yaml', createTestRegistry());
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.errors).toHaveLength(1);
      expect(missing.errors[0]).toMatchObject({ code: 'FLOW.MISSING_CONFIRMATION_TEMPLATE', line: 4 });
      expect(missing.errors[0]?.message).toContain("'confirm_rejected' for locale 'es'");
    }
    expect(parseFlow(flowYaml({ confirmation: false, templates: '' }), 'confirm.yaml', createTestRegistry()).ok).toBe(true);
  });

  it('is pure: the input session is not mutated', () => {
    const flow = load(flowYaml());
    const pending = ask(flow);
    const copy = structuredClone(pending);
    step(flow, pending, message('affirm'), FACTS, NOW);
    expect(pending).toEqual(copy);
  });
});
