import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import helmet from 'helmet';
import { createApprovalRoutes } from './approvals/createApprovalRoutes';
import { createAuthRouter, createLogoutHandler } from './auth/createAuthRouter';
import { requireConsoleSession, requireCsrfToken } from './auth/requireConsoleSession';
import type { ConsoleDeps } from './consoleDeps';
import { createConversationRoutes } from './conversation/createConversationRoutes';
import { ensureDemoSupervisor } from './auth/ensureDemoSupervisor';
import { createInboxRoutes } from './inbox/createInboxRoutes';
import { createChangeFeed } from './live/createChangeFeed';
import { createResultsRoutes } from './results/createResultsRoutes';

export interface ConsoleModule {
  /** Mount at /console. */
  router: express.Router;
  /**
   * On an empty embedded database: creates the demo supervisor and returns the lines telling how to sign in;
   * otherwise returns nothing. Does I/O.
   */
  prepare(options: { embedded: boolean; baseUrl?: string }): Promise<string[]>;
  /** Ends the live streams (before the HTTP server closes). */
  stop(): void;
}

/** The strict Content-Security-Policy of every console response: same-origin scripts and styles only, no inline script. */
export const consoleHelmet = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      mediaSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'same-origin' },
});

function staticDirs(): { own: string; chart: string } {
  const here = dirname(fileURLToPath(import.meta.url));
  const require = createRequire(import.meta.url);
  return { own: join(here, 'public'), chart: dirname(require.resolve('chart.js')) };
}

/**
 * The supervisors' console under /console: sign-in (sessions in the database, CSRF token on every state-changing
 * request, throttling, idle expiry), the inbox with live updates, conversations with the why of each bot turn,
 * takeover / reply / notes / hand back / close / assign, approvals and results. Server-rendered (preact, escaped by
 * default), a strict CSP through helmet, static files from src/console/public and chart.js from node_modules.
 * No I/O until a request arrives (or prepare()).
 */
export function createConsoleModule(deps: ConsoleDeps): ConsoleModule {
  const feed = createChangeFeed(deps.db, deps.logger, deps.liveIntervalMs ?? 1000);
  const dirs = staticDirs();
  const router = express.Router();
  router.use(consoleHelmet);
  router.use('/static', express.static(dirs.own, { maxAge: '1h', index: false }));
  router.get('/static/chart.umd.min.js', (_req, res) => res.sendFile(join(dirs.chart, 'chart.umd.min.js'), { maxAge: '1d' }));
  router.use(createAuthRouter(deps));
  router.use(express.urlencoded({ extended: false, limit: '32kb' }));
  router.use(requireConsoleSession(deps));
  router.use(requireCsrfToken());
  router.post('/logout', createLogoutHandler(deps));
  router.get('/', (_req, res) => res.redirect(303, '/console/inbox'));
  router.use(createInboxRoutes(deps, feed));
  router.use(createConversationRoutes(deps, feed));
  router.use(createApprovalRoutes(deps, feed));
  router.use(createResultsRoutes(deps));
  return {
    router,
    prepare: (options) => ensureDemoSupervisor(deps.db, options),
    stop: () => feed.stop(),
  };
}
