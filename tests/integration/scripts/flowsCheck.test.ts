import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let dir: string;

async function flowsCheck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'flows-check.ts'), ...args], { cwd: ROOT }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pacto-flows-check-'));
  const source = await readFile(join(ROOT, 'flows', 'collections.es.yaml'), 'utf8');
  // An author's typo in a transition target: the one file they edited must report it at its line.
  const broken = source.replace(/(target:\s*)menu\b/, '$1menuu');
  expect(broken).not.toBe(source);
  await writeFile(join(dir, 'collections.es.yaml'), broken);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run flows:check with a file', () => {
  it('checks one flow file, as flows:graph takes it, instead of failing with ENOTDIR', async () => {
    const result = await flowsCheck('flows/collections.es.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^OK collections-es version \w+: \d+ states/m);
    expect(result.stderr).not.toMatch(/ENOTDIR|READ_ERROR/);
  });

  it("reports that file's own problems at file:line:column", async () => {
    const file = join(dir, 'collections.es.yaml');
    const result = await flowsCheck(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: .*menuu`));
  });

  it('checks a policy file and a folder in one run', async () => {
    const result = await flowsCheck('flows/policies/default.yaml', 'flows');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('OK policy default (flows/policies/default.yaml)');
    expect(result.stdout).toMatch(/^OK collections-en /m);
  });
});
