import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognize } from '../../../src/core/nlu/recognize';
import { createTestFacts } from '../../../src/demo/createTestFacts';
import { computeFlowCoverage } from '../../../src/flowTesting/computeFlowCoverage';
import { createFlowRegistry } from '../../../src/createFlowRegistry';
import { formatTestFailure } from '../../../src/flowTesting/formatTestFailure';
import { createPlainPaint } from '../../../src/flowTesting/formatTurn';
import { parseConversationTestText } from '../../../src/flowTesting/loadConversationTestFile';
import { loadTestFlows } from '../../../src/flowTesting/loadTestFlows';
import { runConversationTestFile } from '../../../src/flowTesting/runConversationTestFile';

const flows = await loadTestFlows(join(import.meta.dirname, '..', '..', '..', 'flows'), createFlowRegistry());
const run = (yaml: string) => {
  const loaded = parseConversationTestText(yaml, 'inline.yaml');
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return runConversationTestFile(loaded.tests, { flows: flows.byName, facts: createTestFacts(), interpret: recognize });
};
const header = 'flow: collections.es\nfacts: co_maria\nnow: 2026-11-23T15:00:00Z\ntests:\n';

describe('conversation test runner', () => {
  it('passes a conversation that does what it expects', () => {
    const [outcome] = run(`${header}  - name: ok\n    steps:\n      - start: true\n      - user: "1234"\n        expect: { state: menu, say: [verified, menu] }\n`);
    expect(outcome?.failure).toBeUndefined();
  });

  it('fails with the transcript and an expected/actual line when the bot reveals what it must not', () => {
    const [outcome] = run(
      `${header}  - name: leak\n    steps:\n      - start: true\n      - user: "1234"\n      - user: cuánto debo\n        expect: { not_reply: /1\\.250\\.000/, state: verify }\n`,
    );
    expect(outcome?.failure?.stepIndex).toBe(2);
    expect(outcome?.failure?.line).toBe(9);
    const text = formatTestFailure(outcome!, createPlainPaint());
    expect(text).toContain('state: expected verify, got menu');
    expect(text).toContain('not_reply: /1\\.250\\.000/ matched');
    expect(text).toContain('you  cuánto debo');
    expect(text).toContain('inline.yaml:9');
  });

  it('reports schema errors with file:line:column', () => {
    const result = parseConversationTestText(`${header}  - name: bad\n    steps:\n      - usr: hola\n`, 'bad.yaml');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/^bad\.yaml:7:\d+: tests\.0\.steps\.0: a step is one of/);
  });

  it('computes coverage: a short conversation leaves transitions untaken and names them', () => {
    const [outcome] = run(`${header}  - name: short\n    steps:\n      - start: true\n      - user: "1234"\n`);
    const flow = flows.byName.get('collections.es');
    const coverage = computeFlowCoverage(flow!.spec, outcome!.taken);
    expect(coverage.states.missing).toContain('plan_offer');
    expect(coverage.handlers.missing).toContain('states.menu.on.2 (intent:ask_balance) → balance_details');
    expect(coverage.handlers.missing).not.toContain('states.verify.on.0 (intent:provide_info, intent:unknown) → serve_pending');
  });
});
