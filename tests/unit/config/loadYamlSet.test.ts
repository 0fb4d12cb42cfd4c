import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCadences } from '../../../src/adapters/outreach/loadCadences';
import { loadPolicies } from '../../../src/adapters/policies/loadPolicies';
import { formatYamlIssue } from '../../../src/core/yaml/parseYamlFile';
import { readFileSync } from 'node:fs';

/** A directory of authors' files is all or nothing: two files with one id reject the set, at the second file. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pacto-yaml-set-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loading a directory of policies or cadences', () => {
  it('refuses two policy files with the same id, naming both files', async () => {
    const policy = readFileSync('flows/policies/default.yaml', 'utf8');
    await writeFile(join(dir, 'a.yaml'), policy);
    await writeFile(join(dir, 'b.yaml'), policy);
    const loaded = await loadPolicies(dir);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.map(formatYamlIssue)).toEqual([expect.stringMatching(new RegExp(`^${join(dir, 'b.yaml')}:1:1: policy id ".+" is also used by ${join(dir, 'a.yaml')}: give each file its own id$`))]);
  });

  it('reads a missing cadence directory as no outreach, but a missing policy directory is an error', async () => {
    expect(await loadCadences(join(dir, 'none'))).toEqual({ ok: true, cadences: [] });
    await expect(loadPolicies(join(dir, 'none'))).rejects.toThrow(/ENOENT/);
  });

  it('rejects the whole cadence set when one file is bad, at its line and column', async () => {
    await writeFile(join(dir, 'a.yaml'), readFileSync('flows/cadences/default-es.yaml', 'utf8'));
    await writeFile(join(dir, 'b.yaml'), 'id: broken\nsteps: [\n');
    const loaded = await loadCadences(dir);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.issues[0]).toMatchObject({ file: join(dir, 'b.yaml'), message: expect.stringContaining('(fix the YAML syntax)') });
  });
});
