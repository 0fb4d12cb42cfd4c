import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseFlow } from '../core/engine/parseFlow';
import type { CompiledFlow, FlowError } from '../core/engine/compiledFlow';
import type { Registry } from '../core/engine/types';

export interface TestFlows {
  /** Flows by file name without .yaml (collections.es) and by id (collections-es). */
  byName: ReadonlyMap<string, CompiledFlow>;
  /** The file names (without .yaml) of every flow loaded, in directory order. */
  names: readonly string[];
  errors: FlowError[];
}

/**
 * Loads every `*.yaml` flow directly in `dir` (not sub-folders such as policies/) against `registry`.
 * A flow with errors is left out and its errors returned. Does file I/O.
 */
export async function loadTestFlows(dir: string, registry: Registry): Promise<TestFlows> {
  const files = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => entry.name)
    .sort();
  const byName = new Map<string, CompiledFlow>();
  const names: string[] = [];
  const errors: FlowError[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const result = parseFlow(await readFile(path, 'utf8'), path, registry);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const name = basename(file, '.yaml');
    names.push(name);
    byName.set(name, result.flow);
    byName.set(result.flow.id, result.flow);
  }
  return { byName, names, errors };
}
