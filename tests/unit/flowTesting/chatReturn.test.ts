import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRecognizer } from '../../../src/core/nlu/createRecognizer';
import { createFlowRegistry } from '../../../src/createFlowRegistry';
import { createTestFacts } from '../../../src/demo/createTestFacts';
import { createConversationDriver } from '../../../src/flowTesting/createConversationDriver';
import { executeChatLine } from '../../../src/flowTesting/executeChatLine';
import { loadTestFlows } from '../../../src/flowTesting/loadTestFlows';

// The terminal chat's /return: a policy author tries continuity (the next conversation at the same address).
const flows = await loadTestFlows(join(import.meta.dirname, '..', '..', '..', 'flows'), createFlowRegistry());

describe('npm run chat: /return DURATION', () => {
  it('after the conversation ended, starts the next one from how it ended; before that, says why not', () => {
    const flow = flows.byName.get('collections.es');
    const facts = createTestFacts().co_maria;
    if (!flow || !facts) throw new Error('flow or fixture missing');
    const recognizer = createRecognizer();
    const driver = createConversationDriver({ flow, facts, now: new Date('2026-11-23T15:00:00Z'), interpret: (text, ctx) => recognizer(text, ctx) });
    driver.send({ kind: 'start' });
    for (const line of ['1234', 'necesito cuotas']) executeChatLine(driver, line);
    expect(executeChatLine(driver, '/return 30m')).toEqual({ kind: 'info', text: 'the conversation has not ended yet: /return starts the next one' });
    executeChatLine(driver, 'escribanme mas tarde');
    const back = executeChatLine(driver, '/return 30m');
    if (back.kind !== 'turn') throw new Error(`expected a turn, got ${back.kind}`);
    expect(back.turn.effects.flatMap((e) => (e.type === 'say' ? [e.template] : []))).toEqual(['welcome_back_offer', 'plan_offer']);
    expect(back.turn.now.toISOString()).toBe('2026-11-23T15:30:00.000Z');
  });
});
