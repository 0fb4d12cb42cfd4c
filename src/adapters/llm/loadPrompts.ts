import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Prompt, PromptSet } from './types';

/**
 * Reads the versioned prompt files (`<id>.v<N>.md`) from `dir` and returns the highest version of each prompt
 * the adapter needs, with its id, version and content hash. Does file I/O; throws when a prompt is missing,
 * because running with no prompt is a deployment mistake to catch at start-up.
 */
export function loadPrompts(dir: string): PromptSet {
  const files = readdirSync(dir);
  return { interpret: loadLatest(dir, files, 'interpret'), reword: loadLatest(dir, files, 'reword') };
}

function loadLatest(dir: string, files: readonly string[], id: string): Prompt {
  const versions = files
    .map((name) => new RegExp(`^${id}\\.v(\\d+)\\.md$`).exec(name))
    .flatMap((m) => (m?.[1] ? [Number(m[1])] : []))
    .sort((a, b) => b - a);
  const latest = versions[0];
  if (latest === undefined) throw new Error(`prompt '${id}' not found in ${dir}: expected a file named ${id}.v1.md`);
  const text = readFileSync(join(dir, `${id}.v${latest}.md`), 'utf8');
  return { id, version: `v${latest}`, hash: createHash('sha256').update(text).digest('hex').slice(0, 12), text };
}
