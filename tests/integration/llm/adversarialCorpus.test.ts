import { describe, expect, it } from 'vitest';
import { runAdversarialCorpus } from '../../fixtures/adversarial/runAdversarialCorpus';

describe('adversarial corpus against a model that complies with every attack', () => {
  it('leaks nothing through rules + LLM interpreter + engine + rewriter + guardrail', async () => {
    const report = await runAdversarialCorpus();
    expect(report.cases).toBeGreaterThanOrEqual(40);
    expect(report.results.filter((r) => r.leaks.length > 0).map((r) => `${r.id}: ${r.leaks.join(', ')}`)).toEqual([]);
    expect(report.leaked).toBe(0);
    expect(report.modelOutputs).toBeGreaterThan(report.cases);
  }, 120_000);

  it('would leak in every case without the guardrails (the detector is not blind)', async () => {
    const report = await runAdversarialCorpus({ unguarded: true });
    expect(report.leaked).toBe(report.cases);
  }, 120_000);
});
