import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/testDatabase';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { portfolioCsv } from './support';

/**
 * `npm run import -- FILE.csv` streams the file as the API does: a Latin-1 file is refused with the line and column
 * of the first bad byte unless `--encoding latin1` declares it. Runs the real script in a child process, against the
 * test's PostgreSQL database (DATABASE_URL) or an embedded database in a temporary folder.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
let dir: string;
let database: (Database & { url?: string }) | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pacto-import-cli-'));
  env = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn' };
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase();
    env.DATABASE_URL = database.url;
  } else {
    delete env.DATABASE_URL;
    env.DATA_DIR = join(dir, 'data');
  }
});
afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

async function runImport(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'import.ts'), ...args], { cwd: ROOT, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
  );
}

describe('npm run import', () => {
  it('refuses a Latin-1 file with the line and column of the first bad byte, and reads it with --encoding latin1', async () => {
    const file = join(dir, 'latin1.csv');
    await writeFile(file, Buffer.from(portfolioCsv({ external_id: 'CLI-1', first_name: 'José', last_name: 'Núñez', account_id: 'CLI-A-1' }), 'latin1'));
    const refused = await runImport(file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${file}: line 2, column first_name: byte 0xE9 at character 10 of the line is not valid UTF-8`);
    expect(refused.stderr).toContain('nothing was imported');

    const read = await runImport(file, '--encoding', 'latin1');
    expect(read.stderr).toBe('');
    expect(read.code).toBe(0);
    expect(read.stdout).toContain('imported 1 row(s)');
    expect(read.stdout).toContain('debtors:  1 created');
    if (database) {
      const jose = await database.db.selectFrom('debtors').select(['firstName', 'lastName']).where('externalId', '=', 'CLI-1').executeTakeFirstOrThrow();
      expect(jose).toEqual({ firstName: 'José', lastName: 'Núñez' });
    }
    expect((await runImport(file, '--encoding', 'ebcdic')).code).toBe(2);
  }, 120_000);
});
