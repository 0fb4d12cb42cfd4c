import { formatYamlIssue, locatePathIssues, parseYamlFile, type YamlIssue } from '../yaml/parseYamlFile';
import { cadenceFileSchema } from './cadenceSchema';
import type { Cadence } from './cadenceSchema';
import { checkCadenceSemantics } from './checkCadenceSemantics';

/** One problem in a cadence file, positioned for an editor: `file:line:column: message`. */
export type CadenceIssue = YamlIssue;

export type ParseCadenceResult = { ok: true; cadence: Cadence } | { ok: false; error: { code: 'CADENCE.INVALID'; message: string }; issues: CadenceIssue[] };

/** `file:line:column: message`, the form editors and terminals link to. Pure. */
export const formatCadenceIssue = formatYamlIssue;

/**
 * Parses the text of a cadence file: YAML syntax, then the zod shape, then the cross-field checks
 * (checkCadenceSemantics). Every problem carries its line and column; a file with any problem is rejected whole.
 * Pure: the caller reads the file (src/adapters/outreach).
 */
export function parseCadence(source: string, fileName: string): ParseCadenceResult {
  const parsed = parseYamlFile(source, fileName, cadenceFileSchema);
  const issues = parsed.ok ? locatePathIssues(checkCadenceSemantics(parsed.value), fileName, parsed.locate) : parsed.issues;
  if (parsed.ok && issues.length === 0) return { ok: true, cadence: { ...parsed.value, file: fileName } };
  return { ok: false, error: { code: 'CADENCE.INVALID', message: `${fileName}: ${issues.length} problem(s)\n${issues.map(formatYamlIssue).join('\n')}` }, issues };
}
