import express from 'express';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Registry } from 'prom-client';
import type { DB } from '../adapters/db/schema';
import { getMigrationStatus } from '../adapters/db/getMigrationStatus';
import type { Logger } from '../observability/createLogger';
import { sendError } from './sendError';

export interface HealthDeps {
  db: Kysely<DB>;
  registry: Registry;
  logger: Logger;
  readinessTimeoutMs?: number;
}

/**
 * GET /healthz (the process answers), GET /readyz (database reachable and no pending migrations; 503
 * otherwise) and GET /metrics (Prometheus text). readyz and metrics do I/O.
 */
export function createHealthRouter(deps: HealthDeps): express.Router {
  const router = express.Router();
  const timeoutMs = deps.readinessTimeoutMs ?? 3000;

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    try {
      const pending = await withTimeout(checkDatabase(deps.db), timeoutMs);
      if (pending.length > 0) {
        sendError(res, { code: 'SERVICE.NOT_READY', message: 'Database migrations are pending', details: { pendingMigrations: pending } });
        return;
      }
      res.json({ status: 'ready', database: 'ok', pendingMigrations: [] });
    } catch (error) {
      deps.logger.warn({ code: 'SERVICE.NOT_READY', err: error instanceof Error ? error.message : String(error) }, 'readiness check failed');
      sendError(res, { code: 'SERVICE.NOT_READY', message: 'Database is not reachable' });
    }
  });

  router.get('/metrics', async (_req, res) => {
    res.set('Content-Type', deps.registry.contentType).send(await deps.registry.metrics());
  });

  return router;
}

async function checkDatabase(db: Kysely<DB>): Promise<string[]> {
  await sql`select 1`.execute(db);
  const { pending } = await getMigrationStatus(db);
  return pending;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
