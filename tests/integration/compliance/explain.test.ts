import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComplianceChecker } from '../../../src/adapters/compliance/createComplianceChecker';
import type { ComplianceChecker } from '../../../src/adapters/compliance/createComplianceChecker';
import { explainProactiveContact, nextProactiveMoment } from '../../../src/adapters/compliance/explainProactiveContact';
import { loadComplianceRules } from '../../../src/adapters/compliance/loadComplianceRules';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { createTestDatabase } from '../../helpers/testDatabase';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CSV = join(ROOT, 'tests', 'fixtures', 'portfolio', 'small.csv');
let database: Database & { url?: string };
let compliance: ComplianceChecker;

beforeAll(async () => {
  database = await createTestDatabase();
  const rules = await loadComplianceRules(join(ROOT, 'flows', 'compliance'));
  if (!rules.ok) throw new Error('rules');
  compliance = createComplianceChecker({ db: database.db, rules: rules.book });
  const imported = await importPortfolio(database.db, await readFile(CSV, 'utf8'), { now: new Date('2026-12-01T12:00:00Z') });
  if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
});
afterAll(async () => {
  await database?.close();
});

describe('explaining whether a proactive message is allowed', () => {
  it('names every blocking rule per address and the next allowed instant (Banco Andino closes Saturdays in CO)', async () => {
    const explained = await explainProactiveContact(database.db, compliance, 'C-1', new Date('2026-12-05T14:00:00Z'));
    expect(explained).toMatchObject({ allowed: false, reasons: ['COMPLIANCE.CLOSED_DAY'], nextAllowedAt: new Date('2026-12-07T13:00:00Z') });
    expect(explained?.channels.map((c) => [c.channel, c.reasons])).toEqual([
      ['whatsapp', ['COMPLIANCE.CLOSED_DAY']],
      ['sms', ['COMPLIANCE.NO_CONSENT', 'COMPLIANCE.CLOSED_DAY']],
    ]);
  });

  it('gives the console the next moment: now when allowed, the next allowed instant otherwise', async () => {
    const monday = new Date('2026-12-07T15:00:00Z');
    expect(await nextProactiveMoment(database.db, compliance, 'C-1', monday)).toEqual(monday);
    // Chicago, 21:30 on a Monday: Regulation F allows 8:00–21:00.
    expect(await nextProactiveMoment(database.db, compliance, 'C-2', new Date('2026-12-08T03:30:00Z'))).toEqual(new Date('2026-12-08T14:00:00Z'));
    expect(await nextProactiveMoment(database.db, compliance, 'nobody', monday)).toBeNull();
  });
});

describe('npm run compliance:explain', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pacto-explain-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const run = (script: string, args: string[]) => {
    const env = { ...process.env, LOG_LEVEL: 'warn', ...(database.url ? { DATABASE_URL: database.url } : { DATABASE_URL: '', DATA_DIR: dataDir }) };
    return promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', script), ...args], { cwd: ROOT, env }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  };

  it('prints { allowed, reasons, nextAllowedAt } with --json, and every blocking rule without it', async () => {
    if (!database.url) expect((await run('import.ts', [CSV])).code).toBe(0);
    const json = await run('compliance-explain.ts', ['--debtor', 'C-1', '--at', '2026-12-05T09:00:00-05:00', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ allowed: false, reasons: ['COMPLIANCE.CLOSED_DAY'], nextAllowedAt: '2026-12-07T13:00:00.000Z' });
    const text = await run('compliance-explain.ts', ['--debtor', 'C-1', '--at', '2026-12-05T09:00:00-05:00']);
    expect(text.stdout).toMatch(/sms +blocked by COMPLIANCE\.NO_CONSENT, COMPLIANCE\.CLOSED_DAY; no waiting releases it/);
    expect(text.stdout).toMatch(/next allowed instant: 2026-12-07T13:00:00.000Z/);
    const bad = await run('compliance-explain.ts', ['--debtor', 'C-1', '--at', '2026-12-05T09:00']);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/ISO instant with its offset/) });
  }, 240_000); // four CLI processes, each starting tsx: slow on a loaded machine
});
