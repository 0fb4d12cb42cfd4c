import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRecognizer } from '../core/nlu/createRecognizer';
import { createNoAccountTestFacts } from '../demo/createNoAccountTestFacts';
import { createTestFacts } from '../demo/createTestFacts';
import { computeFlowCoverage, type FlowCoverage } from './computeFlowCoverage';
import { createFlowRegistry } from '../createFlowRegistry';
import { loadConversationTestFile } from './loadConversationTestFile';
import { loadTestFlows } from './loadTestFlows';
import { runConversationTestFile, type TestOutcome } from './runConversationTestFile';
import type { FlowError } from '../core/engine/compiledFlow';

export interface SuiteReport {
  outcomes: TestOutcome[];
  /** Problems that stop files or flows from loading, as `file:line:column: message`. */
  loadErrors: string[];
  /** Coverage per flow id, for every flow the files tested. */
  coverage: Map<string, FlowCoverage>;
}

export interface SuiteOptions {
  flowsDir: string;
  /** Test files to run; when empty, every *.yaml in testsDir. */
  files: readonly string[];
  testsDir: string;
}

/**
 * Loads the flows (base + demo registry) and the conversation-test files, runs every test with the real rules
 * NLU and the named test facts, and computes state/transition coverage per flow. Does file I/O.
 */
export async function runConversationSuite(options: SuiteOptions): Promise<SuiteReport> {
  const flows = await loadTestFlows(options.flowsDir, createFlowRegistry());
  const loadErrors = flows.errors.map(formatFlowError);
  const files = options.files.length > 0 ? options.files : await listYaml(options.testsDir);
  const facts = { ...createTestFacts(), ...createNoAccountTestFacts() };
  const outcomes: TestOutcome[] = [];
  for (const file of files) {
    const loaded = await loadConversationTestFile(file);
    if (!loaded.ok) {
      loadErrors.push(...loaded.errors);
      continue;
    }
    outcomes.push(...runConversationTestFile(loaded.tests, { flows: flows.byName, facts, interpret: createRecognizer() }));
  }
  const coverage = new Map<string, FlowCoverage>();
  for (const flowId of new Set(outcomes.map((o) => o.flowName))) {
    const flow = flows.byName.get(flowId);
    if (!flow) continue;
    const taken = outcomes.filter((o) => o.flowName === flowId).flatMap((o) => o.taken);
    coverage.set(flowId, computeFlowCoverage(flow.spec, taken));
  }
  return { outcomes, loadErrors, coverage };
}

async function listYaml(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort().map((n) => join(dir, n));
}

function formatFlowError(error: FlowError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.message}`;
}
