/**
 * `npm run flows:check [path…]`: validates flows and negotiation policies and prints `file:line:column: message`
 * per problem (exit 1), or one OK line per flow and per policy file. Each path may be a folder (default flows/:
 * every flow directly inside it against the production registry (createFlowRegistry), every policy in its
 * policies/ subfolder, the compliance rules in compliance/ (jurisdictions and creditors/ overrides, which may only
 * tighten the law) and the outreach cadences in cadences/) or one file, as `flows:graph` takes: a file inside a
 * `policies` folder is checked as a policy, one inside `compliance` or `cadences` with the rest of its folder, any
 * other as a flow. Reads files.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { loadComplianceRules } from '../src/adapters/compliance/loadComplianceRules';
import { loadFlowsFromDir } from '../src/adapters/flows/loadFlowsFromDir';
import { loadCadences } from '../src/adapters/outreach/loadCadences';
import { loadPolicies } from '../src/adapters/policies/loadPolicies';
import { formatPolicyIssue, parsePolicy } from '../src/core/collections/policy/parsePolicy';
import { formatRulesIssue } from '../src/core/compliance/ruleBook';
import { formatFlowError } from '../src/core/engine/formatFlowError';
import { parseFlow } from '../src/core/engine/parseFlow';
import { formatCadenceIssue } from '../src/core/outreach/parseCadence';
import { createFlowRegistry } from '../src/createFlowRegistry';

interface CheckResult {
  problems: string[];
  ok: string[];
}

const paths = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const results: CheckResult[] = [];
for (const path of paths.length > 0 ? paths : ['flows']) results.push(await checkPath(path));
const problems = results.flatMap((r) => r.problems);
if (problems.length > 0) {
  for (const line of problems) console.error(line);
  console.error(`\n${problems.length} problem(s) in ${paths.join(', ') || 'flows'}; no flow or policy with errors is ever loaded.`);
  process.exit(1);
}
for (const line of results.flatMap((r) => r.ok)) console.log(line);
console.log(`${results.flatMap((r) => r.ok).length} file(s) checked: all valid`);

async function checkPath(path: string): Promise<CheckResult> {
  if (!existsSync(path)) return { problems: [`${path}:1:1: no such file or folder [FLOW.READ_ERROR]`], ok: [] };
  if (statSync(path).isDirectory()) return checkFolder(path);
  const complianceDir = enclosingComplianceDir(path);
  if (complianceDir) return checkCompliance(complianceDir);
  if (basename(dirname(path)) === 'cadences') return checkCadences(dirname(path));
  const source = await readFile(path, 'utf8');
  if (basename(dirname(path)) === 'policies') {
    const policy = parsePolicy(source, path);
    return policy.ok ? { problems: [], ok: [`OK policy ${policy.policy.id} (${path})`] } : { problems: policy.issues.map((i) => `${formatPolicyIssue(i)} [POLICY.INVALID]`), ok: [] };
  }
  const flow = parseFlow(source, path, createFlowRegistry());
  return flow.ok ? { problems: [], ok: [okFlow(flow.flow)] } : { problems: flow.errors.map(formatFlowError), ok: [] };
}

async function checkFolder(dir: string): Promise<CheckResult> {
  const result: CheckResult = { problems: [], ok: [] };
  const flows = await loadFlowsFromDir(dir, createFlowRegistry());
  if (flows.ok) result.ok.push(...flows.flows.map(okFlow));
  else result.problems.push(...flows.errors.map(formatFlowError));
  const policiesDir = join(dir, 'policies');
  if (existsSync(policiesDir)) {
    const policies = await loadPolicies(policiesDir);
    if (policies.ok) result.ok.push(...policies.policies.map((policy, i) => `OK policy ${policy.id} (${policies.files[i] ?? policiesDir})`));
    else result.problems.push(...policies.issues.map((issue) => `${formatPolicyIssue(issue)} [POLICY.INVALID]`));
  }
  for (const [folder, check] of [['compliance', checkCompliance], ['cadences', checkCadences]] as const) {
    if (!existsSync(join(dir, folder))) continue;
    const checked = await check(join(dir, folder));
    result.ok.push(...checked.ok);
    result.problems.push(...checked.problems);
  }
  return result;
}

/** Cadences are checked together: their ids must be unique across the folder. */
async function checkCadences(cadencesDir: string): Promise<CheckResult> {
  const cadences = await loadCadences(cadencesDir);
  if (!cadences.ok) return { problems: cadences.issues.map((issue) => `${formatCadenceIssue(issue)} [CADENCE.INVALID]`), ok: [] };
  return { problems: [], ok: cadences.cadences.map((c) => `OK cadence ${c.id}: ${c.steps.length} steps, ${c.events.length} event steps (${c.file})`) };
}

/** The compliance rules folder a file belongs to (compliance/X.yaml or compliance/creditors/X.yaml), if any. */
function enclosingComplianceDir(file: string): string | undefined {
  const parent = dirname(file);
  if (basename(parent) === 'compliance') return parent;
  if (basename(parent) === 'creditors' && basename(dirname(parent)) === 'compliance') return dirname(parent);
  return undefined;
}

/** Overrides are checked against the law they tighten, so a rules file is always checked with its whole folder. */
async function checkCompliance(complianceDir: string): Promise<CheckResult> {
  const rules = await loadComplianceRules(complianceDir);
  if (!rules.ok) return { problems: rules.issues.map(formatRulesIssue), ok: [] };
  return {
    problems: [],
    ok: [
      ...[...rules.book.jurisdictions.keys()].map((code) => `OK compliance rules ${code} (${join(complianceDir, `${code}.yaml`)})`),
      ...[...rules.book.creditors].map(([creditor, countries]) => `OK compliance rules of creditor ${creditor}: ${[...countries.keys()].join(', ')}`),
    ],
  };
}

function okFlow(flow: { id: string; version: string; states: ReadonlyMap<string, unknown>; locales: readonly string[]; fileName: string }): string {
  return `OK ${flow.id} version ${flow.version}: ${flow.states.size} states, locales ${flow.locales.join(', ')} (${flow.fileName})`;
}
