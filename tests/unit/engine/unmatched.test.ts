import { describe, expect, it } from 'vitest';
import { createSession } from '../../../src/core/engine/createSession';
import { parseFlow } from '../../../src/core/engine/parseFlow';
import { step } from '../../../src/core/engine/step';
import type { CompiledFlow } from '../../../src/core/engine/compiledFlow';
import type { Effect, EngineEvent, Session } from '../../../src/core/engine/types';
import { createTestRegistry, FACTS, message, NOW } from './support';

const YAML = `
id: unmatched-sample
locales: [es]
initial: menu
states:
  menu:
    on:
      - intent: ask_balance
        say: [balance]
      - intent: request_plan
        say: [plan]
        target: question
      - intent: deny
        say: [bye]
        target: done
    otherwise: { say: [menu_hint] }
  question:
    say: [ask_yes_no]
    unmatched: { as: menu, except: [deny] }
    on:
      - intent: affirm
        say: [accepted]
        target: done
    otherwise: { say: [yes_no_hint] }
    inactivity: { after: 1h, say: [reminder] }
  done:
    final: true
templates:
  es: { balance: saldo, plan: plan, bye: chao, menu_hint: menú, ask_yes_no: ¿sí?, accepted: listo, yes_no_hint: ¿sí o no?, reminder: ¿sigues? }
`;

function load(text: string): CompiledFlow {
  const parsed = parseFlow(text, 'unmatched.yaml', createTestRegistry());
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.flow;
}

function run(flow: CompiledFlow, events: EngineEvent[]): { session: Session; last: Effect[] } {
  let session = createSession(flow, 'es-CO');
  let last: Effect[] = [];
  const all: EngineEvent[] = [{ kind: 'start' }, ...events];
  for (const event of all) {
    const result = step(flow, session, event, FACTS, NOW);
    session = result.session;
    last = result.effects;
  }
  return { session, last };
}

const templates = (effects: Effect[]): string[] => effects.flatMap((e) => (e.type === 'say' ? [e.template] : []));

describe('unmatched: { as, except }', () => {
  const flow = load(YAML);

  it('serves a message the state has no transition for by the other state\'s own transition, and moves there', () => {
    const { session, last } = run(flow, [message('request_plan'), message('ask_balance')]);
    expect(templates(last)).toEqual(['balance']);
    expect(session.state).toBe('menu');
    expect(last).toContainEqual({ type: 'audit', code: 'FLOW.SERVED_AS', data: { state: 'question', as: 'menu', trigger: 'intent:ask_balance' } });
    expect(last).toContainEqual({ type: 'cancel_schedule', timer: 'inactivity:question' });
  });

  it('a served transition with a target is taken from the other state', () => {
    const { session, last } = run(flow, [message('request_plan'), message('request_plan')]);
    expect(templates(last)).toEqual(['plan', 'ask_yes_no']);
    expect(session.state).toBe('question');
  });

  it('an intent in except, or one the other state has no transition for, falls to otherwise', () => {
    expect(templates(run(flow, [message('request_plan'), message('deny')]).last)).toEqual(['yes_no_hint']);
    const { session, last } = run(flow, [message('request_plan'), message('greet')]);
    expect(templates(last)).toEqual(['yes_no_hint']);
    expect(session.state).toBe('question');
  });

  it('an unknown state in as is a flow error', () => {
    const parsed = parseFlow(YAML.replace('as: menu', 'as: menuu'), 'unmatched.yaml', createTestRegistry());
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.code)).toContain('FLOW.UNKNOWN_STATE');
  });

  it('an unknown intent in except is a flow error', () => {
    const parsed = parseFlow(YAML.replace('except: [deny]', 'except: [denyy]'), 'unmatched.yaml', createTestRegistry());
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.code)).toContain('FLOW.UNKNOWN_INTENT');
  });
});
