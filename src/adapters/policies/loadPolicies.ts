import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatPolicyIssue, parsePolicy, type PolicyIssue } from '../../core/collections/policy/parsePolicy';
import type { PolicySet } from '../../core/collections/policy/resolvePolicy';

export type LoadPoliciesResult = { ok: true; policies: PolicySet; files: string[] } | { ok: false; error: { code: 'POLICY.INVALID'; message: string }; issues: PolicyIssue[] };

/**
 * Reads every *.yaml / *.yml in a policy directory (default flows/policies) and parses each with parsePolicy.
 * All or nothing: one bad file rejects the set, with every issue at file:line:column; ids must be unique across
 * files. I/O: reads the directory.
 */
export async function loadPolicies(dir: string): Promise<LoadPoliciesResult> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  const issues: PolicyIssue[] = [];
  const policies: PolicySet[number][] = [];
  const ids = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const result = parsePolicy(await readFile(file, 'utf8'), file);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    const previous = ids.get(result.policy.id);
    if (previous) issues.push({ file, line: 1, column: 1, message: `policy id "${result.policy.id}" is also used by ${previous}: give each file its own id` });
    ids.set(result.policy.id, file);
    policies.push(result.policy);
  }
  if (issues.length > 0) {
    return { ok: false, error: { code: 'POLICY.INVALID', message: issues.map(formatPolicyIssue).join('\n') }, issues };
  }
  return { ok: true, policies, files: names.map((n) => join(dir, n)) };
}
