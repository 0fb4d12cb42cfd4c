import { LineCounter, parseDocument } from 'yaml';
import { checkPolicySemantics } from './checkPolicySemantics';
import { locateYamlPath } from './locateYamlPath';
import { policyFileSchema, type PolicyFile } from './policyFileSchema';

/** One problem in a policy file, positioned for an editor: `file:line:column: message`. */
export interface PolicyIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type ParsePolicyResult = { ok: true; policy: PolicyFile } | { ok: false; error: { code: 'POLICY.INVALID'; message: string }; issues: PolicyIssue[] };

/** `file:line:column: message`, the form editors and terminals link to. Pure. */
export function formatPolicyIssue(issue: PolicyIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;
}

/**
 * Parses the text of a negotiation policy file: YAML syntax, then the zod shape, then cross-field checks
 * (checkPolicySemantics). Every problem is reported with its line and column; a file with any problem is
 * rejected whole. Pure: the caller reads the file (src/adapters/policies).
 */
export function parsePolicy(source: string, fileName: string): ParsePolicyResult {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const reject = (issues: PolicyIssue[]): ParsePolicyResult => ({
    ok: false,
    error: { code: 'POLICY.INVALID', message: `${fileName}: ${issues.length} problem(s)\n${issues.map(formatPolicyIssue).join('\n')}` },
    issues,
  });
  if (doc.errors.length > 0) {
    return reject(
      doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { file: fileName, line, column: col, message: `${e.message.split('\n')[0]} (fix the YAML syntax)` };
      }),
    );
  }
  const parsed = policyFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return reject(
      parsed.error.issues.map((issue) => {
        const base = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
        const path = unknownKey === undefined ? base : [...base, unknownKey];
        const position = locateYamlPath(doc, lines, path);
        const where = path.length > 0 ? `${path.join('.')}: ` : '';
        const message = unknownKey === undefined ? issue.message : `unknown key "${unknownKey}": check the spelling or remove it`;
        return { file: fileName, line: position.line, column: position.column, message: `${where}${message}` };
      }),
    );
  }
  const issues = checkPolicySemantics(parsed.data).map((issue) => {
    const located = issue.paths.map((p) => ({ path: p, position: locateYamlPath(doc, lines, p) }));
    const best = located.find((l) => l.position.exists) ?? located[0];
    return {
      file: fileName,
      line: best?.position.line ?? 1,
      column: best?.position.column ?? 1,
      message: `${best ? `${best.path.join('.')}: ` : ''}${issue.message}`,
    };
  });
  const unique = issues.filter((issue, i) => issues.findIndex((o) => formatPolicyIssue(o) === formatPolicyIssue(issue)) === i);
  return unique.length > 0 ? reject(unique) : { ok: true, policy: parsed.data };
}
