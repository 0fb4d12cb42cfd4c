import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config';
import { startService } from '../../../src/main';

describe('starting the service with compliance rules', () => {
  let flowsDir: string;
  beforeAll(async () => {
    flowsDir = await mkdtemp(join(tmpdir(), 'pacto-compliance-'));
    await cp('flows', flowsDir, { recursive: true });
    // A creditor that tries to write Colombians on Sundays: looser than Ley 2300, so the service must not start.
    await writeFile(join(flowsDir, 'compliance', 'creditors', 'sunday.yaml'), "creditor: Sunday Bank\njurisdictions:\n  CO:\n    hours:\n      sun: ['09:00-12:00']\n");
  });
  afterAll(async () => {
    await rm(flowsDir, { recursive: true, force: true });
  });

  it('refuses to start on a creditor override that loosens the law, naming file:line:column', async () => {
    const parsed = parseConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: 'memory://', FLOWS_DIR: flowsDir });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    await expect(startService(parsed.config)).rejects.toThrow(/compliance rules in .* are not valid:\n.*sunday\.yaml:5:13: jurisdictions\.CO\.hours\.sun\.0: window 09:00-12:00 on sun is outside the CO rules/);
  });
});
