import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { createTestDatabase } from '../../helpers/testDatabase';
import { createHttpTestApp, tokens } from './createHttpTestApp';

let database: Database;
let app: ReturnType<typeof createHttpTestApp>['app'];

beforeAll(async () => {
  database = await createTestDatabase();
  app = createHttpTestApp(database).app;
});
afterAll(async () => {
  await database?.close();
});

describe('security headers', () => {
  it.each(['/api/conversations', '/simulator/', '/simulator/simulator.js', '/healthz', '/nowhere'])('%s carries a strict CSP, no-referrer, nosniff and no-store', async (path) => {
    const res = await request(app).get(path).set({ Authorization: `Bearer ${tokens.admin}` });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
