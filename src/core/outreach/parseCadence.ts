import { LineCounter, parseDocument } from 'yaml';
import { locateYamlPath } from '../collections/policy/locateYamlPath';
import { cadenceFileSchema } from './cadenceSchema';
import type { Cadence } from './cadenceSchema';
import { checkCadenceSemantics } from './checkCadenceSemantics';

/** One problem in a cadence file, positioned for an editor: `file:line:column: message`. */
export interface CadenceIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type ParseCadenceResult = { ok: true; cadence: Cadence } | { ok: false; error: { code: 'CADENCE.INVALID'; message: string }; issues: CadenceIssue[] };

/** `file:line:column: message`, the form editors and terminals link to. Pure. */
export function formatCadenceIssue(issue: CadenceIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;
}

/**
 * Parses the text of a cadence file: YAML syntax, then the zod shape, then the cross-field checks
 * (checkCadenceSemantics). Every problem carries its line and column; a file with any problem is rejected whole.
 * Pure: the caller reads the file (src/adapters/outreach).
 */
export function parseCadence(source: string, fileName: string): ParseCadenceResult {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const reject = (issues: CadenceIssue[]): ParseCadenceResult => ({
    ok: false,
    error: { code: 'CADENCE.INVALID', message: `${fileName}: ${issues.length} problem(s)\n${issues.map(formatCadenceIssue).join('\n')}` },
    issues,
  });
  if (doc.errors.length > 0) {
    return reject(doc.errors.map((e) => ({ file: fileName, ...at(lines.linePos(e.pos[0])), message: `${e.message.split('\n')[0]} (fix the YAML syntax)` })));
  }
  const parsed = cadenceFileSchema.safeParse(doc.toJS());
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
  const issues = checkCadenceSemantics(parsed.data).map((issue) => {
    const located = issue.paths.map((p) => ({ path: p, position: locateYamlPath(doc, lines, p) }));
    const best = located.find((l) => l.position.exists) ?? located[0];
    return { file: fileName, line: best?.position.line ?? 1, column: best?.position.column ?? 1, message: `${best ? `${best.path.join('.')}: ` : ''}${issue.message}` };
  });
  return issues.length > 0 ? reject(issues) : { ok: true, cadence: { ...parsed.data, file: fileName } };
}

function at(pos: { line: number; col: number }): { line: number; column: number } {
  return { line: pos.line, column: pos.col };
}
