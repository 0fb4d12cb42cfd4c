/**
 * `npm run flows:check [dir]`: validates every flow in dir (default flows/, not its subfolders) against the
 * production registry (createFlowRegistry), every negotiation policy in dir/policies (the policy loader), the
 * compliance rules in dir/compliance (jurisdictions and creditors/ overrides, which may only tighten the law) and every
 * outreach cadence in dir/cadences (the cadence loader), and
 * prints `file:line:column: message` per problem (exit 1), or one OK line per flow and per policy file. Reads files.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadFlowsFromDir } from '../src/adapters/flows/loadFlowsFromDir';
import { loadComplianceRules } from '../src/adapters/compliance/loadComplianceRules';
import { loadCadences } from '../src/adapters/outreach/loadCadences';
import { loadPolicies } from '../src/adapters/policies/loadPolicies';
import { formatRulesIssue } from '../src/core/compliance/parseRulesFile';
import { formatPolicyIssue } from '../src/core/collections/policy/parsePolicy';
import { formatFlowError } from '../src/core/engine/formatFlowError';
import { formatCadenceIssue } from '../src/core/outreach/parseCadence';
import { createFlowRegistry } from '../src/createFlowRegistry';

const dir = process.argv.slice(2).find((arg) => !arg.startsWith('-')) ?? 'flows';
const policiesDir = join(dir, 'policies');
const problems: string[] = [];
const ok: string[] = [];

const flows = await loadFlowsFromDir(dir, createFlowRegistry());
if (flows.ok) {
  for (const flow of flows.flows) ok.push(`OK ${flow.id} version ${flow.version}: ${flow.states.size} states, locales ${flow.locales.join(', ')} (${flow.fileName})`);
} else {
  problems.push(...flows.errors.map(formatFlowError));
}

if (existsSync(policiesDir)) {
  const policies = await loadPolicies(policiesDir);
  if (policies.ok) {
    for (const [i, policy] of policies.policies.entries()) ok.push(`OK policy ${policy.id} (${policies.files[i] ?? policiesDir})`);
  } else {
    problems.push(...policies.issues.map((issue) => `${formatPolicyIssue(issue)} [POLICY.INVALID]`));
  }
}

const cadences = await loadCadences(join(dir, 'cadences'));
if (cadences.ok) {
  for (const cadence of cadences.cadences) ok.push(`OK cadence ${cadence.id}: ${cadence.steps.length} steps, ${cadence.events.length} event steps (${cadence.file})`);
} else {
  problems.push(...cadences.issues.map((issue) => `${formatCadenceIssue(issue)} [CADENCE.INVALID]`));
}

const complianceDir = join(dir, 'compliance');
if (existsSync(complianceDir)) {
  const rules = await loadComplianceRules(complianceDir);
  if (rules.ok) {
    for (const code of rules.book.jurisdictions.keys()) ok.push(`OK compliance rules ${code} (${join(complianceDir, `${code}.yaml`)})`);
    for (const [creditor, countries] of rules.book.creditors) ok.push(`OK compliance rules of creditor ${creditor}: ${[...countries.keys()].join(', ')}`);
  } else {
    problems.push(...rules.issues.map(formatRulesIssue));
  }
}

if (problems.length > 0) {
  for (const line of problems) console.error(line);
  console.error(`\n${problems.length} problem(s) in ${dir}; no flow, policy, rule or cadence with errors is ever loaded.`);
  process.exit(1);
}
for (const line of ok) console.log(line);
console.log(`${flows.ok ? flows.flows.length : 0} flow(s), the policies in ${policiesDir}, the compliance rules in ${join(dir, 'compliance')} and ${cadences.ok ? cadences.cadences.length : 0} cadence(s) are valid`);
