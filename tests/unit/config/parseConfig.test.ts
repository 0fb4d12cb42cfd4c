import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { configVariableNames, parseConfig } from '../../../src/config';

describe('parseConfig', () => {
  it('gives the defaults on an empty environment, leases of 60 s included', () => {
    const parsed = parseConfig({});
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.config).toMatchObject({ PORT: 3000, WORKER_CONCURRENCY: 4, PROCESS_ROLE: 'all', INBOX_LEASE_SECONDS: 60, OUTBOX_LEASE_SECONDS: 60 });
    expect(Object.isFrozen(parsed.config)).toBe(true);
  });

  it('takes lease lengths in seconds', () => {
    const parsed = parseConfig({ INBOX_LEASE_SECONDS: '5', OUTBOX_LEASE_SECONDS: '120' });
    expect(parsed.ok && [parsed.config.INBOX_LEASE_SECONDS, parsed.config.OUTBOX_LEASE_SECONDS]).toEqual([5, 120]);
  });

  it('names every bad variable on a line of its own, with what it should be', () => {
    const parsed = parseConfig({ INBOX_LEASE_SECONDS: '2', OUTBOX_LEASE_SECONDS: 'soon', WORKER_CONCURRENCY: '0', PROCESS_ROLE: 'both' });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : [...parsed.errors].sort()).toEqual([
      'INBOX_LEASE_SECONDS: must be at least 5 (seconds)',
      'OUTBOX_LEASE_SECONDS: must be a number',
      'PROCESS_ROLE: must be all, web or worker',
      'WORKER_CONCURRENCY: must be greater than 0',
    ]);
  });

  it('refuses a lease over an hour, and a fractional one', () => {
    expect(parseConfig({ OUTBOX_LEASE_SECONDS: '7200' })).toEqual({ ok: false, errors: ['OUTBOX_LEASE_SECONDS: must be at most 3600 (seconds)'] });
    expect(parseConfig({ INBOX_LEASE_SECONDS: '7.5' })).toEqual({ ok: false, errors: ['INBOX_LEASE_SECONDS: must be a whole number'] });
  });

  it('reads the outbox retry budget in seconds (default 15 minutes, 10 s to a day)', () => {
    const parsed = parseConfig({});
    expect(parsed.ok && parsed.config.OUTBOX_RETRY_BUDGET_SECONDS).toBe(900);
    const set = parseConfig({ OUTBOX_RETRY_BUDGET_SECONDS: '120' });
    expect(set.ok && set.config.OUTBOX_RETRY_BUDGET_SECONDS).toBe(120);
    expect(parseConfig({ OUTBOX_RETRY_BUDGET_SECONDS: '5' })).toEqual({ ok: false, errors: ['OUTBOX_RETRY_BUDGET_SECONDS: must be at least 10 (seconds)'] });
  });
});

describe('.env.example', () => {
  it('lists every variable the config reads, each in a block under a comment, and nothing else', async () => {
    const lines = (await readFile('.env.example', 'utf8')).split('\n');
    const variable = (line: string) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1];
    const listed = lines.flatMap((line, i) => {
      const name = variable(line);
      if (!name) return [];
      // A comment may introduce a pair (HOST and PORT): look above the variables right before this one.
      let above = i - 1;
      while (above >= 0 && variable(lines[above] ?? '')) above -= 1;
      return [{ name, commented: (lines[above] ?? '').startsWith('#') }];
    });
    expect(listed.map((v) => v.name).sort()).toEqual([...configVariableNames].sort());
    expect(listed.filter((v) => !v.commented).map((v) => v.name)).toEqual([]);
  });
});
