import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../../src/adapters/db/createDatabase';
import { migrateToLatest } from '../../../src/adapters/db/migrateToLatest';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';

describe('embedded PGlite with a data directory', () => {
  it('keeps migrations and acknowledged messages across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pacto-pglite-'));
    const logger = pino({ level: 'silent' });
    try {
      const first = await createDatabase({ dataDir, logger });
      expect(first.kind).toBe('pglite');
      expect(first.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect((await migrateToLatest(first.db)).applied).toContain('0001_foundation');
      await enqueueInbound(first.db, { channel: 'sms', providerMessageId: 'SM-keep', from: '+15550001111', body: 'hi', receivedAt: new Date() });
      await first.close();

      const second = await createDatabase({ dataDir, logger });
      expect(await migrateToLatest(second.db)).toEqual({ applied: [] });
      const rows = await second.db.selectFrom('inbox').select(['providerMessageId', 'status']).execute();
      expect(rows).toEqual([{ providerMessageId: 'SM-keep', status: 'pending' }]);
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
