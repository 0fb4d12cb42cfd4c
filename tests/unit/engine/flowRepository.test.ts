import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFlowRepository } from '../../../src/adapters/flows/createFlowRepository';
import { loadFlowsFromDir } from '../../../src/adapters/flows/loadFlowsFromDir';
import { createTestRegistry, FIXTURES } from './support';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pacto-flows-'));
  await copyFile(join(FIXTURES, 'sample.yaml'), join(dir, 'sample.yaml'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadFlowsFromDir', () => {
  it('reads flows/*.yaml only, not subfolders such as policies/', async () => {
    await mkdir(join(dir, 'policies'));
    await writeFile(join(dir, 'policies', 'default.yaml'), 'not: a flow\n');
    const result = await loadFlowsFromDir(dir, createTestRegistry());
    expect(result.ok && result.flows.map((f) => f.id)).toEqual(['sample']);
  });

  it('returns the errors of every file, and rejects two flows with the same id', async () => {
    await copyFile(join(FIXTURES, 'bad', 'unknown-target.yaml'), join(dir, 'a-bad.yaml'));
    await copyFile(join(FIXTURES, 'sample.yaml'), join(dir, 'z-copy.yaml'));
    const result = await loadFlowsFromDir(dir, createTestRegistry());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code}`)).toEqual([
      `${join(dir, 'a-bad.yaml')}:11:17 FLOW.UNKNOWN_STATE`,
      `${join(dir, 'z-copy.yaml')}:1:1 FLOW.DUPLICATE_ID`,
    ]);
  });
});

describe('createFlowRepository', () => {
  it('reload keeps the last good version when the new set has an error, and every version stays reachable', async () => {
    const repo = createFlowRepository({ dir, registry: createTestRegistry() });
    const first = await repo.reload();
    expect(first.ok).toBe(true);
    const v1 = repo.current('sample');
    expect(v1).toBeDefined();
    if (v1 === undefined) return;

    const source = await readFile(join(dir, 'sample.yaml'), 'utf8');
    await writeFile(join(dir, 'sample.yaml'), source.replace('target: thanks\n', 'target: thankz\n'));
    const broken = await repo.reload();
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors[0]).toMatchObject({ code: 'FLOW.UNKNOWN_STATE' });
    expect(repo.current('sample')).toBe(v1);

    await writeFile(join(dir, 'sample.yaml'), source.replace('"¡Gracias!"', '"¡Muchas gracias!"'));
    const fixed = await repo.reload();
    expect(fixed).toMatchObject({ ok: true, changed: ['sample'] });
    const v2 = repo.current('sample');
    expect(v2?.version).not.toBe(v1.version);
    // A conversation that started on v1 stays on it.
    expect(repo.get('sample', v1.version)).toBe(v1);
    expect(repo.get('sample')).toBe(v2);
    expect(repo.currentForLocale('es-MX')).toBe(v2);
    expect(repo.list()).toHaveLength(1);
  });

  it('an unchanged reload keeps the same compiled instance (warm caches)', async () => {
    const repo = createFlowRepository({ dir, registry: createTestRegistry() });
    await repo.reload();
    const before = repo.current('sample');
    const again = await repo.reload();
    expect(again).toMatchObject({ ok: true, changed: [] });
    expect(repo.current('sample')).toBe(before);
  });
});
