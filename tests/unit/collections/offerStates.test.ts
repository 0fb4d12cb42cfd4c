import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFlowRegistry } from '../../../src/createFlowRegistry';
import { parseFlow } from '../../../src/core/engine/parseFlow';
import { createRecognizer } from '../../../src/core/nlu/createRecognizer';
import { createConversationDriver } from '../../../src/flowTesting/createConversationDriver';
import { createTestFacts } from '../../../src/demo/createTestFacts';

// Issue 12, task "offer states": whether an offer waits for an answer is what the flow declares (`offer: true`), not a
// list of state names in the code. A policy author who renames the plan offer state keeps the behaviour by keeping
// the declaration; removing it turns the state into an ordinary one.
const root = join(import.meta.dirname, '..', '..', '..');
const source = readFileSync(join(root, 'flows', 'collections.es.yaml'), 'utf8');

function acceptMonthly(yaml: string): { state: string; said: string[] } {
  const parsed = parseFlow(yaml, 'collections.es.yaml', createFlowRegistry());
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  const facts = createTestFacts().co_maria;
  if (!facts) throw new Error('fixture co_maria is missing');
  const recognizer = createRecognizer();
  const driver = createConversationDriver({ flow: parsed.flow, facts, now: new Date('2026-11-23T15:00:00Z'), interpret: (text, ctx) => recognizer(text, ctx) });
  driver.send({ kind: 'start' });
  driver.send({ kind: 'user', text: '1234' });
  driver.send({ kind: 'user', text: 'necesito cuotas' });
  const turn = driver.send({ kind: 'user', text: 'ok sii acepto el mensual' });
  return { state: turn.session.state, said: turn.effects.flatMap((e) => (e.type === 'say' ? [e.template] : [])) };
}

describe('offer states come from the flow (offer: true)', () => {
  it('a renamed plan offer state declared offer: true still reads «acepto el mensual» as the acceptance (case 9)', () => {
    const renamed = source.replace('\n  plan_offer:\n', '\n  propuesta_de_cuotas:\n').replaceAll('target: plan_offer', 'target: propuesta_de_cuotas');
    expect(renamed).toContain('target: propuesta_de_cuotas');
    expect(acceptMonthly(renamed)).toEqual({ state: 'menu', said: ['plan_accepted', 'anything_else'] });
  });

  it('without the declaration the same words only ask for the monthly plan again', () => {
    const undeclared = source.replace(/(\n {2}plan_offer:\n {4}description: [^\n]*\n) {4}offer: true\n/, '$1');
    expect(undeclared).not.toBe(source);
    expect(acceptMonthly(undeclared).said).not.toContain('plan_accepted');
  });
});
