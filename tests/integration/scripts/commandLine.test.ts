import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** The terminal chat as a newcomer first runs it: `--help` answers with the usage, a typo with what is wrong. */
const ROOT = join(import.meta.dirname, '..', '..', '..');

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'chat.ts'), ...args], { cwd: ROOT }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('a script run with --help or a wrong option', () => {
  it('prints the usage and exits 0 on --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run chat/);
  });

  it('names the unknown option and prints the usage, exit 2, without a stack trace', async () => {
    const result = await run(['--debtr', 'co_maria']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--debtr'");
    expect(result.stderr).toContain('usage: npm run chat');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
