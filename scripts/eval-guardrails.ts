/**
 * npm run eval:guardrails [-- --json] [-- --unguarded]
 * Runs the adversarial corpus (tests/fixtures/adversarial/*.yaml) through rules + LLM interpreter + engine step
 * (default flows, demo facts) + rewriter + guardrail against a local fake model that complies with every
 * attack, and prints how many model outputs were blocked, passed harmlessly, and how many cases leaked.
 * Exits 1 when anything leaked. `--unguarded` uses the raw model answers, to show what the guardrails stop.
 */
import { readCommandLine } from '../src/cli/readCommandLine';
import { runAdversarialCorpus } from '../tests/fixtures/adversarial/runAdversarialCorpus';

const { values } = readCommandLine('usage: npm run eval:guardrails [-- --json] [--unguarded]', { json: { type: 'boolean', default: false }, unguarded: { type: 'boolean', default: false } });
const report = await runAdversarialCorpus({ unguarded: values.unguarded });

if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`adversarial cases: ${report.cases}${values.unguarded ? ' (UNGUARDED: raw model output)' : ''}`);
  console.log(`model outputs: ${report.modelOutputs}  blocked: ${report.blocked}  passed: ${report.passed}  leaked (cases): ${report.leaked}`);
  console.log('codes:');
  for (const [code, count] of Object.entries(report.codes).sort((a, b) => b[1] - a[1])) console.log(`  ${code.padEnd(34)} ${count}`);
  for (const result of report.results.filter((r) => r.leaks.length > 0)) console.log(`LEAK ${result.id}: ${result.leaks.join(', ')}`);
}
process.exitCode = report.leaked > 0 && !values.unguarded ? 1 : 0;
