import type express from 'express';
import { pino } from 'pino';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { createApp } from '../../../src/http/createApp';
import { createMetrics } from '../../../src/observability/createMetrics';
import type { Metrics } from '../../../src/observability/createMetrics';
import { createSystemClock } from '../../../src/ports/clock';
import type { Clock } from '../../../src/ports/clock';

export const publicBaseUrl = 'https://pacto.example.com';
export const authToken = '0123456789abcdef0123456789abcdef';
export const tokens = {
  admin: 'admin-token-0123456789',
  viewer: 'viewer-token-0123456789',
  service: 'service-token-0123456789',
} as const;

/** The real app on a test database, as main.ts builds it, minus listening. */
export function createHttpTestApp(database: Pick<Database, 'db'>, opts: { simulator?: boolean; clock?: Clock } = {}): { app: express.Application; metrics: Metrics } {
  const metrics = createMetrics();
  const app = createApp({
    db: database.db,
    logger: pino({ level: 'silent' }),
    metrics,
    clock: opts.clock ?? createSystemClock(),
    apiTokens: [
      { token: tokens.admin, role: 'admin' },
      { token: tokens.viewer, role: 'viewer' },
      { token: tokens.service, role: 'service' },
    ],
    twilio: { authToken, publicBaseUrl, senders: { sms: '+15005550006', whatsapp: 'whatsapp:+14155238886' } },
    simulator: opts.simulator ?? true,
  });
  return { app, metrics };
}
