import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { YamlIssue } from '../../core/yaml/parseYamlFile';

export type LoadYamlSetResult<T> = { ok: true; values: T[]; files: string[] } | { ok: false; issues: YamlIssue[] };

/**
 * Reads every *.yaml / *.yml of a directory of an author's files (policies, cadences) in name order and parses each
 * with `parse`. All or nothing: one bad file rejects the set, every problem at file:line:column; ids (`idOf`) must be
 * unique across files. A missing directory is an error unless `missingIsEmpty`. I/O: reads the directory.
 */
export async function loadYamlSet<T>(
  dir: string,
  opts: { noun: string; parse: (text: string, file: string) => { ok: true; value: T } | { ok: false; issues: YamlIssue[] }; idOf: (value: T) => string; missingIsEmpty?: boolean },
): Promise<LoadYamlSetResult<T>> {
  const names = await readdir(dir).then(
    (all) => all.filter((n) => /\.ya?ml$/.test(n)).sort(),
    (error: unknown) => {
      if (opts.missingIsEmpty && error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
      throw error;
    },
  );
  const issues: YamlIssue[] = [];
  const values: T[] = [];
  const ids = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const result = opts.parse(await readFile(file, 'utf8'), file);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    const id = opts.idOf(result.value);
    const previous = ids.get(id);
    if (previous) issues.push({ file, line: 1, column: 1, message: `${opts.noun} id "${id}" is also used by ${previous}: give each file its own id` });
    ids.set(id, file);
    values.push(result.value);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, values, files: names.map((n) => join(dir, n)) };
}
