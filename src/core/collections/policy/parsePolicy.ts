import { formatYamlIssue, locatePathIssues, parseYamlFile, type YamlIssue } from '../../yaml/parseYamlFile';
import { checkPolicySemantics } from './checkPolicySemantics';
import { policyFileSchema, type PolicyFile } from './policyFileSchema';

/** One problem in a policy file, positioned for an editor: `file:line:column: message`. */
export type PolicyIssue = YamlIssue;

export type ParsePolicyResult = { ok: true; policy: PolicyFile } | { ok: false; error: { code: 'POLICY.INVALID'; message: string }; issues: PolicyIssue[] };

/** `file:line:column: message`, the form editors and terminals link to. Pure. */
export const formatPolicyIssue = formatYamlIssue;

/**
 * Parses the text of a negotiation policy file: YAML syntax, then the zod shape, then cross-field checks
 * (checkPolicySemantics). Every problem is reported with its line and column; a file with any problem is
 * rejected whole. Pure: the caller reads the file (src/adapters/policies).
 */
export function parsePolicy(source: string, fileName: string): ParsePolicyResult {
  const parsed = parseYamlFile(source, fileName, policyFileSchema);
  const issues = parsed.ok ? locatePathIssues(checkPolicySemantics(parsed.value), fileName, parsed.locate) : parsed.issues;
  if (parsed.ok && issues.length === 0) return { ok: true, policy: parsed.value };
  return { ok: false, error: { code: 'POLICY.INVALID', message: `${fileName}: ${issues.length} problem(s)\n${issues.map(formatYamlIssue).join('\n')}` }, issues };
}
