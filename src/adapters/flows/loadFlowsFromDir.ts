import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFlow } from '../../core/engine/parseFlow';
import type { CompiledFlow, FlowError } from '../../core/engine/compiledFlow';
import type { Registry } from '../../core/engine/types';

export type LoadFlowsResult = { ok: true; flows: CompiledFlow[] } | { ok: false; errors: FlowError[] };

function isFlowFile(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml');
}

function lineOfId(source: string): number {
  const match = /^id\s*:/m.exec(source);
  return match === null ? 1 : source.slice(0, match.index).split('\n').length;
}

async function listFlowFiles(dir: string): Promise<{ ok: true; files: string[] } | { ok: false; error: FlowError }> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    // Only flows/*.yaml: subfolders such as flows/policies/ hold other kinds of YAML.
    const files = entries.filter((e) => e.isFile() && isFlowFile(e.name)).map((e) => join(dir, e.name));
    return { ok: true, files: files.sort() };
  } catch (error) {
    const message = `cannot read the flows folder: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, error: { file: dir, line: 1, column: 1, code: 'FLOW.READ_ERROR', message } };
  }
}

/**
 * Reads and parses every `*.yaml` directly inside `dir` (not subfolders), returning all flows or every error
 * across all files, including two files with the same flow id. Does file I/O.
 */
export async function loadFlowsFromDir(dir: string, registry: Registry): Promise<LoadFlowsResult> {
  const listed = await listFlowFiles(dir);
  if (!listed.ok) return { ok: false, errors: [listed.error] };
  if (listed.files.length === 0) {
    return { ok: false, errors: [{ file: dir, line: 1, column: 1, code: 'FLOW.NO_FLOWS', message: 'no flow files (*.yaml) in this folder: add at least one flow' }] };
  }
  const errors: FlowError[] = [];
  const flows: CompiledFlow[] = [];
  const fileById = new Map<string, string>();
  for (const file of listed.files) {
    const source = await readFile(file, 'utf8');
    const parsed = parseFlow(source, file, registry);
    if (!parsed.ok) {
      errors.push(...parsed.errors);
      continue;
    }
    const previous = fileById.get(parsed.flow.id);
    if (previous !== undefined) {
      errors.push({ file, line: lineOfId(source), column: 1, code: 'FLOW.DUPLICATE_ID', message: `flow id '${parsed.flow.id}' is already used by ${previous}; give each flow its own id` });
      continue;
    }
    fileById.set(parsed.flow.id, file);
    flows.push(parsed.flow);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, flows };
}
