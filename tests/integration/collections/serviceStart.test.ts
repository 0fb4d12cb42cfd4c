import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config';
import { startService } from '../../../src/main';

describe('starting the service with the collections domain', () => {
  let flowsDir: string;
  beforeAll(async () => {
    flowsDir = await mkdtemp(join(tmpdir(), 'pacto-flows-'));
    await cp('flows', flowsDir, { recursive: true });
    await cp('tests/fixtures/policies/bad-semantics.yaml', join(flowsDir, 'policies', 'broken.yaml'));
  });
  afterAll(async () => {
    await rm(flowsDir, { recursive: true, force: true });
  });

  it('refuses to start on a bad policy file, naming file:line:column', async () => {
    const parsed = parseConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: 'memory://', FLOWS_DIR: flowsDir });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    await expect(startService(parsed.config)).rejects.toThrow(/policies in .* are not valid:\n.*broken\.yaml:\d+:\d+: /);
  });

  it('requires PAYMENT_LINK_SECRET in production, with a one-line error', () => {
    const parsed = parseConfig({ NODE_ENV: 'production' });
    expect(parsed).toEqual({ ok: false, errors: [expect.stringMatching(/^PAYMENT_LINK_SECRET: is required in production/)] });
    expect(parseConfig({ NODE_ENV: 'production', PAYMENT_LINK_SECRET: 'a-long-enough-secret-value' }).ok).toBe(true);
  });

  it('accepts a named API token, and rejects a malformed one', () => {
    const named = parseConfig({ API_TOKENS: 'supervisor-token-0123456789:supervisor:ana' });
    expect(named.ok && named.config.API_TOKENS).toEqual([{ token: 'supervisor-token-0123456789', role: 'supervisor', name: 'ana' }]);
    expect(parseConfig({ API_TOKENS: 'supervisor-token-0123456789:supervisor:ana:extra' }).ok).toBe(false);
  });
});
