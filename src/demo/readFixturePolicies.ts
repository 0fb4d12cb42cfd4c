import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPolicyIssue, parsePolicy } from '../core/collections/policy/parsePolicy';
import type { PolicySet } from '../core/collections/policy/resolvePolicy';

/** The repository's policy folder, found from this file so fixtures load from any working directory. */
export const FIXTURE_POLICIES_DIR = join(import.meta.dirname, '..', '..', 'flows', 'policies');

/**
 * Reads and parses every policy file of `dir` (default: the repository's flows/policies) synchronously, so
 * fixtures can be built where a synchronous value is expected. A bad policy file is a broken fixture and throws
 * with every file:line:column. Does file I/O.
 */
export function readFixturePolicies(dir: string = FIXTURE_POLICIES_DIR): PolicySet {
  const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort();
  return files.map((name) => {
    const file = join(dir, name);
    const parsed = parsePolicy(readFileSync(file, 'utf8'), file);
    if (!parsed.ok) throw new Error(`fixture policies do not parse:\n${parsed.issues.map(formatPolicyIssue).join('\n')}`);
    return parsed.policy;
  });
}
