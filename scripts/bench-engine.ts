/**
 * npm run bench:engine [-- --messages 150000 --concurrency 500]
 * A mixed conversation load (every conversation test, across both default flows and six debtor locales),
 * through the rules NLU + engine step, and the same load through an equivalent XState 5 machine with the same
 * NLU, on one core in this process. Prints messages/s (debtor messages over wall time, which also covers starting
 * each conversation and its system events), p50/p99 µs per message (NLU + step), the mean NLU and step µs, the
 * ratio and the target; the machine's load average is printed since other processes share the cores.
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { readCommandLine } from '../src/cli/readCommandLine';
import { createRecognizer } from '../src/core/nlu/createRecognizer';
import { buildXStateTwin } from '../src/bench/buildXStateTwin';
import { collectBenchScripts } from '../src/bench/collectBenchScripts';
import { countDisagreements, runEngineLoad, runXStateLoad, type BenchConversation } from '../src/bench/runEngineBench';
import { summarizeBenchFigures, type BenchSummary } from '../src/bench/summarizeBenchFigures';
import { createTestFacts } from '../src/demo/createTestFacts';
import { createFlowRegistry } from '../src/createFlowRegistry';
import { loadTestFlows } from '../src/flowTesting/loadTestFlows';

// One recognizer (with its own formatter cache) for the whole run.
const recognize = createRecognizer();

const { values } = readCommandLine('usage: npm run bench:engine [-- --messages 150000 --concurrency 500]', { messages: { type: 'string', default: '150000' }, concurrency: { type: 'string', default: '500' } });
const root = join(import.meta.dirname, '..');
const now = new Date('2026-11-23T15:00:00Z');
const flows = await loadTestFlows(join(root, 'flows'), createFlowRegistry());
if (flows.errors.length > 0) throw new Error(flows.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n'));
const scripts = await collectBenchScripts(join(root, 'tests', 'conversations'));
const facts = Object.values(createTestFacts());

const twins = new Map<string, ReturnType<typeof buildXStateTwin>>();
const base: BenchConversation[] = [];
for (const script of scripts) {
  const flow = flows.byName.get(script.flowName);
  if (!flow) throw new Error(`unknown flow ${script.flowName}`);
  const twin = twins.get(flow.id) ?? buildXStateTwin(flow);
  twins.set(flow.id, twin);
  const language = flow.locales[0] ?? 'es';
  for (const f of facts.filter((x) => x.debtor.locale.startsWith(language))) base.push({ script, flow, twin, facts: f });
}
const perRound = base.reduce((n, c) => n + c.script.inputs.filter((i) => i.kind === 'user').length, 0);
const rounds = Math.max(1, Math.ceil(Number(values.messages) / perRound));
const load = Array.from({ length: rounds }, () => base).flat();
const concurrency = Number(values.concurrency);

const check = countDisagreements(base, recognize, now);
console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1/5/15 min) at start`);
console.log(`load: ${scripts.length} scripts × debtors = ${base.length} conversations × ${rounds} rounds, ${perRound * rounds} messages, ${concurrency} open at a time`);
console.log(`equivalence: engine and XState agree on state, slots and every effect in ${check.conversations - check.disagreements.length}/${check.conversations} conversations (${check.inputs} inputs)${check.disagreements.length ? `; first: ${check.disagreements[0]}` : ''}`);

// Warm up both paths (JIT, Intl formatter caches) before timing anything.
runEngineLoad(load.slice(0, base.length * 3), recognize, now, concurrency);
runXStateLoad(load.slice(0, base.length * 3), recognize, now, concurrency);
const engine = summarizeBenchFigures(runEngineLoad(load, recognize, now, concurrency));
const xstate = summarizeBenchFigures(runXStateLoad(load, recognize, now, concurrency));

const row = (name: string, s: BenchSummary): string =>
  [name.padEnd(22), String(s.messages).padStart(8), Math.round(s.perSecond).toLocaleString('en-US').padStart(10), s.p50us.toFixed(1).padStart(8), s.p99us.toFixed(1).padStart(8), s.nluMeanUs.toFixed(1).padStart(8), s.runtimeMeanUs.toFixed(1).padStart(9)].join(' ');
console.log(`\n${'runtime (NLU + step)'.padEnd(22)} ${'msgs'.padStart(8)} ${'msgs/s'.padStart(10)} ${'p50 µs'.padStart(8)} ${'p99 µs'.padStart(8)} ${'nlu µs'.padStart(8)} ${'step µs'.padStart(9)}`);
console.log(row('pacto engine', engine));
console.log(row('xstate 5 (transition)', xstate));
console.log(`\nratio: pacto ${(engine.perSecond / xstate.perSecond).toFixed(2)}× XState throughput; step alone ${(xstate.runtimeMeanUs / engine.runtimeMeanUs).toFixed(2)}× faster`);
console.log(`target ≥ 20,000 msgs/s: ${engine.perSecond >= 20_000 ? 'met' : 'MISSED'}; faster than XState: ${engine.perSecond > xstate.perSecond ? 'yes' : 'NO'}`);
