import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildXStateTwin } from '../../../src/bench/buildXStateTwin';
import { collectBenchScripts } from '../../../src/bench/collectBenchScripts';
import { countDisagreements, type BenchConversation } from '../../../src/bench/runEngineBench';
import { createRecognizer } from '../../../src/core/nlu/createRecognizer';
import { createTestFacts, FIXTURE_NOW } from '../../../src/demo/createTestFacts';
import { createFlowRegistry } from '../../../src/createFlowRegistry';
import { loadTestFlows } from '../../../src/flowTesting/loadTestFlows';

const root = join(import.meta.dirname, '..', '..', '..');

describe('XState twin of the default flows (bench:engine)', () => {
  it('agrees with the engine on state, slots and every effect for every conversation test and fixture debtor', async () => {
    const flows = await loadTestFlows(join(root, 'flows'), createFlowRegistry());
    expect(flows.errors).toEqual([]);
    const scripts = await collectBenchScripts(join(root, 'tests', 'conversations'));
    const facts = Object.values(createTestFacts());
    const conversations: BenchConversation[] = [];
    for (const name of flows.names) {
      const flow = flows.byName.get(name);
      if (!flow) continue;
      const twin = buildXStateTwin(flow);
      const language = flow.locales[0] ?? 'es';
      for (const script of scripts.filter((s) => flows.byName.get(s.flowName) === flow)) {
        for (const f of facts.filter((x) => x.debtor.locale.startsWith(language))) conversations.push({ script, flow, twin, facts: f });
      }
    }
    const check = countDisagreements(conversations, createRecognizer(), FIXTURE_NOW);
    expect(check.conversations).toBeGreaterThan(100);
    expect(check.disagreements).toEqual([]);
  }, 60_000);
});
