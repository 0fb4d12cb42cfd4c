import type { Cadence } from '../../core/outreach/cadenceSchema';
import { formatCadenceIssue, parseCadence } from '../../core/outreach/parseCadence';
import type { CadenceIssue } from '../../core/outreach/parseCadence';
import { loadYamlSet } from '../yaml/loadYamlSet';

export type LoadCadencesResult = { ok: true; cadences: Cadence[] } | { ok: false; error: { code: 'CADENCE.INVALID'; message: string }; issues: CadenceIssue[] };

/**
 * Reads every *.yaml / *.yml in a cadence directory (flows/cadences) in name order and parses each with
 * parseCadence. All or nothing: one bad file rejects the set, every problem at file:line:column; ids must be
 * unique across files. A missing directory is an empty set (no outreach). I/O: reads the directory.
 */
export async function loadCadences(dir: string): Promise<LoadCadencesResult> {
  const loaded = await loadYamlSet(dir, {
    noun: 'cadence',
    missingIsEmpty: true,
    parse: (text, file) => {
      const result = parseCadence(text, file);
      return result.ok ? { ok: true, value: result.cadence } : result;
    },
    idOf: (cadence) => cadence.id,
  });
  if (!loaded.ok) return { ok: false, error: { code: 'CADENCE.INVALID', message: loaded.issues.map(formatCadenceIssue).join('\n') }, issues: loaded.issues };
  return { ok: true, cadences: loaded.values };
}
