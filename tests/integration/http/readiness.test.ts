import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../../src/adapters/db/createDatabase';
import { migrateToLatest } from '../../../src/adapters/db/migrateToLatest';
import { createTestDatabase } from '../../helpers/testDatabase';
import { createHttpTestApp } from './createHttpTestApp';

describe('GET /readyz when not ready', () => {
  it('answers 503 listing the pending migrations, then 200 once migrated', async () => {
    // A brand-new embedded database: nothing applied yet, whatever DATABASE_URL says.
    const database = await createDatabase({ dataDir: 'memory://', logger: pino({ level: 'silent' }) });
    try {
      const { app } = createHttpTestApp(database);
      const before = await request(app).get('/readyz');
      expect(before.status).toBe(503);
      expect(before.body.error.code).toBe('SERVICE.NOT_READY');
      expect(before.body.error.details.pendingMigrations).toContain('0001_foundation');
      await migrateToLatest(database.db);
      expect((await request(app).get('/readyz')).status).toBe(200);
    } finally {
      await database.close();
    }
  });

  it('answers 503 when the database is unreachable, while healthz still answers 200', async () => {
    const database = await createTestDatabase();
    const { app } = createHttpTestApp(database);
    await database.close();
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/not reachable/);
    expect((await request(app).get('/healthz')).status).toBe(200);
  });
});
