import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlainPaint } from '../../src/flowTesting/formatTurn';
import { formatTestFailure } from '../../src/flowTesting/formatTestFailure';
import { runConversationSuite } from '../../src/flowTesting/runConversationSuite';

// Runs every tests/conversations/*.yaml file with the real flows, registry and rules NLU, so `npm test` fails
// when a flow edit breaks a conversation or leaves a transition of a default flow untested.
const root = join(import.meta.dirname, '..', '..');
const report = await runConversationSuite({ flowsDir: join(root, 'flows'), testsDir: import.meta.dirname, files: [] });
const paint = createPlainPaint();

describe('conversation tests', () => {
  it('load without errors', () => {
    expect(report.loadErrors).toEqual([]);
  });

  for (const outcome of report.outcomes) {
    it(`${outcome.flowName} › ${outcome.name}`, () => {
      expect(outcome.failure ? formatTestFailure(outcome, paint) : '').toBe('');
    });
  }

  for (const flowId of ['collections-es', 'collections-en']) {
    it(`cover every state and transition of ${flowId}`, () => {
      const coverage = report.coverage.get(flowId);
      expect(coverage, `no conversation test runs ${flowId}`).toBeDefined();
      expect(coverage?.states.missing).toEqual([]);
      expect(coverage?.handlers.missing).toEqual([]);
    });
  }
});
