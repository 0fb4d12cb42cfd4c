import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cadence } from '../../core/outreach/cadenceSchema';
import { formatCadenceIssue, parseCadence } from '../../core/outreach/parseCadence';
import type { CadenceIssue } from '../../core/outreach/parseCadence';

export type LoadCadencesResult = { ok: true; cadences: Cadence[] } | { ok: false; error: { code: 'CADENCE.INVALID'; message: string }; issues: CadenceIssue[] };

/**
 * Reads every *.yaml / *.yml in a cadence directory (flows/cadences) in name order and parses each with
 * parseCadence. All or nothing: one bad file rejects the set, every problem at file:line:column; ids must be
 * unique across files. A missing directory is an empty set (no outreach). I/O: reads the directory.
 */
export async function loadCadences(dir: string): Promise<LoadCadencesResult> {
  const names = await readdir(dir).then(
    (all) => all.filter((n) => /\.ya?ml$/.test(n)).sort(),
    (error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
      throw error;
    },
  );
  const issues: CadenceIssue[] = [];
  const cadences: Cadence[] = [];
  const ids = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const result = parseCadence(await readFile(file, 'utf8'), file);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    const previous = ids.get(result.cadence.id);
    if (previous) issues.push({ file, line: 1, column: 1, message: `cadence id "${result.cadence.id}" is also used by ${previous}: give each file its own id` });
    ids.set(result.cadence.id, file);
    cadences.push(result.cadence);
  }
  if (issues.length > 0) return { ok: false, error: { code: 'CADENCE.INVALID', message: issues.map(formatCadenceIssue).join('\n') }, issues };
  return { ok: true, cadences };
}
