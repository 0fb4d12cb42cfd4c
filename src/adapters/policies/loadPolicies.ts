import { formatPolicyIssue, parsePolicy, type PolicyIssue } from '../../core/collections/policy/parsePolicy';
import type { PolicySet } from '../../core/collections/policy/resolvePolicy';
import { loadYamlSet } from '../yaml/loadYamlSet';

export type LoadPoliciesResult = { ok: true; policies: PolicySet; files: string[] } | { ok: false; error: { code: 'POLICY.INVALID'; message: string }; issues: PolicyIssue[] };

/**
 * Reads every *.yaml / *.yml in a policy directory (default flows/policies) and parses each with parsePolicy.
 * All or nothing: one bad file rejects the set, with every issue at file:line:column; ids must be unique across
 * files. I/O: reads the directory.
 */
export async function loadPolicies(dir: string): Promise<LoadPoliciesResult> {
  const loaded = await loadYamlSet(dir, {
    noun: 'policy',
    parse: (text, file) => {
      const result = parsePolicy(text, file);
      return result.ok ? { ok: true, value: result.policy } : result;
    },
    idOf: (policy) => policy.id,
  });
  if (!loaded.ok) return { ok: false, error: { code: 'POLICY.INVALID', message: loaded.issues.map(formatPolicyIssue).join('\n') }, issues: loaded.issues };
  return { ok: true, policies: loaded.values, files: loaded.files };
}
