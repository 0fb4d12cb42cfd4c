import express from 'express';
import type { Kysely } from 'kysely';
import type { ApiRole } from '../config';
import type { DB } from '../adapters/db/schema';
import type { Logger } from '../observability/createLogger';
import type { Metrics } from '../observability/createMetrics';
import type { Clock } from '../ports/clock';
import { createApiRouter } from './createApiRouter';
import { createHealthRouter } from './createHealthRouter';
import { createSecurityHeaders } from './createSecurityHeaders';
import { createSimulatorRouter } from './createSimulatorRouter';
import { createTwilioWebhookRouter } from './createTwilioWebhookRouter';
import { handleHttpErrors } from './handleHttpErrors';
import { measureHttpRequests } from './measureHttpRequests';
import { rejectInvalidText } from './rejectInvalidText';
import { sendError } from './sendError';
import type { TwilioSenders } from './parseTwilioInbound';
import type { InboundMessage } from '../pipeline/receive/inboundMessage';
import type { StoredInbound } from '../pipeline/receive/storeInboundMessages';

export interface AppDeps {
  db: Kysely<DB>;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
  /** Bearer tokens and their roles (config API_TOKENS). */
  apiTokens: ReadonlyArray<{ token: string; role: ApiRole }>;
  /** Set when Twilio is configured; the signature is checked against publicBaseUrl + path, To against the senders. */
  twilio?: { authToken: string; publicBaseUrl: string; senders: TwilioSenders };
  /** Serve /simulator (main.ts enables it outside production, or when SIMULATOR_ENABLED=true). */
  simulator: boolean;
  /** Extra routers mounted under a path, e.g. the Baileys QR page at /admin/whatsapp. */
  mounts?: ReadonlyArray<{ path: string; router: express.Router }>;
  /** Called after a new inbound row is stored (main.ts wakes the inbox worker instead of waiting for its poll). */
  onInboundStored?: () => void;
  /** Stores inbound messages (main.ts passes its createInboundBatcher); default enqueueInbound on `db`. */
  enqueue?: (message: InboundMessage) => Promise<StoredInbound>;
  /** Largest accepted Twilio webhook body in bytes (default 64 KB). */
  webhookBodyLimitBytes?: number;
}

/**
 * Builds the Express application: health and metrics, Twilio webhooks, the REST API and the web simulator.
 * It does not listen; the caller (main.ts, tests with supertest) decides. No I/O until a request arrives.
 */
export function createApp(deps: AppDeps): express.Application {
  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy (Twilio, load balancer) the client IP comes from X-Forwarded-For; signatures use PUBLIC_BASE_URL.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(measureHttpRequests(deps.metrics.registry));
  app.use(createSecurityHeaders());
  app.use(rejectInvalidText());

  app.use(createHealthRouter({ db: deps.db, registry: deps.metrics.registry, logger: deps.logger }));
  app.use(
    createTwilioWebhookRouter({
      db: deps.db,
      logger: deps.logger,
      clock: deps.clock,
      twilio: deps.twilio,
      bodyLimitBytes: deps.webhookBodyLimitBytes,
      onInboundStored: deps.onInboundStored,
      enqueue: deps.enqueue,
    }),
  );
  app.use('/api', createApiRouter({ db: deps.db, apiTokens: deps.apiTokens }));
  if (deps.simulator) app.use(createSimulatorRouter({ db: deps.db, clock: deps.clock, onInboundStored: deps.onInboundStored, enqueue: deps.enqueue }));
  for (const mount of deps.mounts ?? []) app.use(mount.path, mount.router);

  app.use((req, res) => {
    sendError(res, { code: 'HTTP.NOT_FOUND', message: `No route for ${req.method} ${req.path}` });
  });
  app.use(handleHttpErrors(deps.logger));
  return app;
}
