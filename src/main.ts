import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import express from 'express';
import { createBaileysChannel } from './adapters/channels/baileys/createBaileysChannel';
import type { BaileysChannel } from './adapters/channels/baileys/createBaileysChannel';
import type { SocketFactory } from './adapters/channels/baileys/baileysChannelTypes';
import { createTwilioChannel } from './adapters/channels/twilio/createTwilioChannel';
import { createWebChannel } from './adapters/channels/web/createWebChannel';
import { createDatabase } from './adapters/db/createDatabase';
import type { Database } from './adapters/db/createDatabase';
import { migrateToLatest } from './adapters/db/migrateToLatest';
import { createAgendaScheduler } from './adapters/scheduler/createAgendaScheduler';
import { createFlowRepository } from './adapters/flows/createFlowRepository';
import { createLlm } from './adapters/llm/createLlm';
import { createLlmInterpreter } from './adapters/llm/createLlmInterpreter';
import { createRewriter } from './adapters/llm/createRewriter';
import type { Rewriter } from './adapters/llm/types';
import { loadPolicies } from './adapters/policies/loadPolicies';
import { createComplianceChecker } from './adapters/compliance/createComplianceChecker';
import { loadComplianceRules } from './adapters/compliance/loadComplianceRules';
import { formatRulesIssue } from './core/compliance/ruleBook';
import type { RuleBook } from './core/compliance/ruleBook';
import { applyCollectionsEffect } from './collections/applyCollectionsEffect';
import { createCollectionEventsPoller } from './collections/createCollectionEventsPoller';
import { createCollectionsFactsProvider } from './collections/createCollectionsFactsProvider';
import { createPromiseEvaluationJob } from './collections/createPromiseEvaluationJob';
import { seedDemo } from './collections/seedDemo';
import { parseConfig } from './config';
import type { Config } from './config';
import type { PolicySet } from './core/collections/policy/resolvePolicy';
import { formatPolicyIssue } from './core/collections/policy/parsePolicy';
import type { Registry } from './core/engine/types';
import { createRecognizer } from './core/nlu/createRecognizer';
import { createFlowRegistry } from './createFlowRegistry';
import { createConsoleModule } from './console/createConsoleModule';
import { createApp } from './http/createApp';
import { createWhatsappAdminRouter } from './console/whatsapp/createWhatsappAdminRouter';
import { createApprovalsRouter } from './http/collections/createApprovalsRouter';
import { createCollectionsRouter } from './http/collections/createCollectionsRouter';
import { createPortfolioImportJobs } from './collections/portfolioImport/createPortfolioImportJobs';
import { createRoleGuard } from './http/createRoleGuard';
import { startHttpServer } from './http/startHttpServer';
import { createLogger } from './observability/createLogger';
import type { Logger } from './observability/createLogger';
import { createMetrics } from './observability/createMetrics';
import { createOutreachModule } from './outreach/createOutreachModule';
import type { OutreachModule } from './outreach/createOutreachModule';
import { createInboxWorker } from './pipeline/process/createInboxWorker';
import { createOutboxSender } from './pipeline/send/createOutboxSender';
import { startClaimOwnership } from './pipeline/startClaimOwnership';
import { createTimerJob } from './pipeline/process/createTimerJob';
import { createWorkNotifier, WORK_CHANNEL } from './pipeline/receive/createWorkNotifier';
import { listenForNotifications } from './adapters/db/listenForNotifications';
import { createHealthRouter } from './http/createHealthRouter';
import { createInboundBatcher } from './pipeline/receive/createInboundBatcher';
import type { Channel, ChannelKind } from './ports/channel';
import { createSystemClock } from './ports/clock';
import type { Clock } from './ports/clock';
import type { FlowSource } from './ports/flowSource';
import type { RecurringJob, Scheduler } from './ports/scheduler';
import type { Interpreter } from './ports/interpreter';

/** A started service: where it listens, its database, and how to stop it gracefully. */
export interface RunningService {
  url: string;
  server: Server;
  database: Database;
  logger: Logger;
  /** Proactive outreach: the preview router and one sweep on demand (tests step a fake clock with it). */
  outreach: OutreachModule;
  /** Lines for the person who started it (how to sign in to the console on a fresh embedded database). */
  notices: string[];
  /** Stops accepting, lets in-flight requests and work finish, stops workers and channels, closes the database. */
  stop(): Promise<void>;
}

/** What startService takes besides Config: test seams only (production passes none). */
export interface StartServiceOptions {
  clock?: Clock;
  logger?: Logger;
  /** Builds the WhatsApp Web socket (default: makeWASocket, which dials WhatsApp); tests pass a local one. */
  baileysSocketFactory?: SocketFactory;
}

/**
 * The composition root: logger, metrics, negotiation policies, flows on the production registry, database +
 * migrations, demo seed, channels, inbox worker, outbox sender, collection-event poller, proactive outreach, the
 * Agenda scheduler with the recurring jobs (outreach sweep, promise evaluation, timers) and the HTTP server (with the
 * collections, approvals and outreach preview APIs), all from one parsed Config. PROCESS_ROLE=web runs only the
 * HTTP server (inbound stored, workers woken with NOTIFY); worker runs only the loops (LISTEN + polling) and the
 * scheduler, and serves /healthz, /readyz and /metrics; all runs both. Does I/O (listens on
 * HOST:PORT). main() below calls it for `npm start`; end-to-end tests call it directly with their own Config.
 */
export async function startService(config: Config, options: StartServiceOptions = {}): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config, { isTty: process.stdout.isTTY === true });
  const clock = options.clock ?? createSystemClock();
  const metrics = createMetrics({ withDefaults: true });
  const policies = await loadCollectionsPolicies(config);
  const complianceRules = await loadRuleBook(config);
  const flows = await loadFlows(config, createFlowRegistry({ verificationLockMinutes: config.VERIFICATION_LOCK_MINUTES, reverifyAfterMinutes: config.REVERIFY_AFTER_MINUTES }));
  const database = await createDatabase({
    databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, logger, poolMax: config.WORKER_CONCURRENCY + 8, preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
  });
  await prepareDatabase(database, config, clock, logger);
  const db = database.db;
  const assist = buildLlmAssistance(config, clock, logger);
  const facts = createCollectionsFactsProvider({ policies, clock, paymentLink: { template: config.PAYMENT_LINK_TEMPLATE, secret: paymentLinkSecret(config, logger) } });
  const pipeline = { db, flows, interpret: assist.interpret, facts, domainEffects: applyCollectionsEffect, clock, logger, metrics };
  const role = config.PROCESS_ROLE;
  const runsWorkers = role !== 'web';
  // Claims carry this process's owner id; a restarted or surviving process frees a dead one's claims at once.
  const wakeClaimers = { wake: () => {} };
  const ownership = runsWorkers
    ? await startClaimOwnership({ db, database, role, clock, logger, onReclaimed: () => wakeClaimers.wake() })
    : undefined;
  const owner = ownership ? { owner: ownership.owner } : {};
  // A worker process is woken by NOTIFY from web processes and otherwise polls often; in one process the webhook wakes it directly.
  const worker = createInboxWorker({
    ...pipeline,
    concurrency: config.WORKER_CONCURRENCY,
    leaseMs: config.INBOX_LEASE_SECONDS * 1000,
    ...owner,
    ...(role === 'worker' ? { pollIntervalMs: 100 } : {}),
  });
  const notifier = role === 'web' ? createWorkNotifier(db, logger) : undefined;
  const wakeWorkers = notifier ? () => notifier.notify() : () => worker.wake();
  // Concurrent webhooks share one INSERT and one commit; each is acknowledged once its own row is durable.
  const inbound = createInboundBatcher(db);
  const baileys = config.BAILEYS_ENABLED
    ? createBaileysChannel({
        db,
        logger,
        clock,
        enqueueInbound: async (m) => wakeAfter(await inbound.enqueue(m), worker.wake),
        ...(options.baileysSocketFactory ? { socketFactory: options.baileysSocketFactory } : {}),
        // A login QR on stdout would end up in production log collectors, where anyone reading logs could link the number.
        ...(config.NODE_ENV === 'production' ? { printQr: () => undefined } : {}),
      })
    : undefined;
  const compliance = createComplianceChecker({ db, rules: complianceRules });
  const sender = createOutboxSender({
    db,
    channels: buildChannels(config, baileys),
    ratePerSecond: config.OUTBOX_RATE_PER_SECOND,
    leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
    retryBudgetMs: config.OUTBOX_RETRY_BUDGET_SECONDS * 1000,
    ...owner,
    clock,
    compliance,
    logger,
    metrics,
    ...(assist.rewriter ? { rewriter: assist.rewriter } : {}),
  });
  wakeClaimers.wake = () => {
    worker.wake();
    sender.wake();
  };
  const events = createCollectionEventsPoller({ db, clock, logger, onDispatched: () => worker.wake() });

  const importJobs = createPortfolioImportJobs({ db, clock, logger, kind: database.kind });
  const outreach = await createOutreachModule({
    db, flowsDir: config.FLOWS_DIR, clock, logger, apiTokens: config.API_TOKENS,
    sweepIntervalMs: config.OUTREACH_SWEEP_INTERVAL_SECONDS * 1000, batchSize: config.OUTREACH_BATCH_SIZE,
  }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  // One scheduler per worker process, with every recurring job (never one job per debtor).
  const scheduler = runsWorkers
    ? await startScheduler(database, logger, [
        ...(config.OUTREACH_ENABLED ? [outreach.job] : []),
        createPromiseEvaluationJob({ db, clock, logger, policies, intervalMs: config.PROMISE_CHECK_INTERVAL_SECONDS * 1000 }),
        createTimerJob({ db, clock, intervalMs: config.TIMER_CHECK_INTERVAL_SECONDS * 1000, onFired: () => worker.wake() }),
      ])
    : undefined;

  const apiDeps = { db, clock, logger, importJobs, apiTokens: config.API_TOKENS, onEventsQueued: notifier ? () => notifier.notify() : () => events.wake() };
  const consoleModule =
    role === 'worker'
      ? undefined
      : createConsoleModule({
          db, clock, logger, flows, compliance,
          idleMinutes: config.CONSOLE_IDLE_MINUTES,
          ...(config.CONSOLE_REOPEN_TEMPLATE_SID ? { reopenTemplateSid: config.CONSOLE_REOPEN_TEMPLATE_SID } : {}),
          onOutboxQueued: notifier ? () => notifier.notify() : () => sender.wake(),
          onEventsQueued: apiDeps.onEventsQueued,
        });
  const app =
    role === 'worker'
      ? createWorkerApp(db, metrics, logger)
      : createApp({
          db,
          logger,
          metrics,
          clock,
          apiTokens: config.API_TOKENS,
          twilio: config.TWILIO_AUTH_TOKEN && config.PUBLIC_BASE_URL
            ? { authToken: config.TWILIO_AUTH_TOKEN, publicBaseUrl: config.PUBLIC_BASE_URL, senders: { sms: config.TWILIO_SMS_FROM, whatsapp: config.TWILIO_WHATSAPP_FROM } }
            : undefined,
          simulator: isSimulatorEnabled(config),
          mounts: [
            { path: '/api', router: createCollectionsRouter(apiDeps) },
            { path: '/api', router: createApprovalsRouter(apiDeps) },
            { path: '/api', router: outreach.router },
            ...(baileys ? adminMounts(config, baileys, logger) : []),
            ...(baileys && consoleModule ? [{ path: '/console/whatsapp', router: createWhatsappAdminRouter({ db, clock, idleMinutes: config.CONSOLE_IDLE_MINUTES }, (formToken) => baileys.adminRouter({ formToken })) }] : []),
            ...(consoleModule ? [{ path: '/console', router: consoleModule.router }] : []),
          ],
          onInboundStored: wakeWorkers,
          enqueue: inbound.enqueue,
        });
  const loops = runsWorkers ? [worker, sender, events] : [];
  for (const loop of loops) loop.start();
  const listener =
    role === 'worker' && database.kind === 'postgres'
      ? listenForNotifications({ url: database.url, channel: WORK_CHANNEL, logger, onNotify: () => {
          worker.wake();
          events.wake();
        } })
      : undefined;
  await baileys?.start();
  const { server, url, close: closeServer } = await startHttpServer(app, { host: config.HOST, port: config.PORT });
  const notices = (await consoleModule?.prepare({ embedded: database.kind === 'pglite', baseUrl: url })) ?? [];
  logger.info({ code: 'SERVICE.STARTED', url, role, database: database.kind, policies: policies.length }, 'service started');

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      consoleModule?.stop();
      await closeServer();
      // A running portfolio import finishes (or fails) as one transaction before the database closes.
      await importJobs.idle();
      await baileys?.stop();
      await listener?.stop();
      await notifier?.flush();
      // Everything that creates inbox or outbox rows first (the poller, the scheduler's jobs, the inbox worker), then
      // the sender; the scheduler waits for a running job before the database closes.
      await Promise.all([events.stop(), scheduler?.stop()]);
      await worker.stop();
      await sender.stop();
      await ownership?.stop();
      await database.close();
      logger.info({ code: 'SERVICE.STOPPED' }, 'service stopped');
    })();
    return stopping;
  };
  return { url, server, database, logger, outreach, notices, stop };
}

/**
 * Starts the Agenda scheduler on the service's database with the recurring jobs (on PGlite through the service's
 * own connection, polling); if it cannot start, it and the database are closed. Does I/O.
 */
async function startScheduler(database: Database, logger: Logger, jobs: RecurringJob[]): Promise<Scheduler> {
  const scheduler = createAgendaScheduler({ database, logger });
  try {
    await scheduler.start(jobs);
    return scheduler;
  } catch (error) {
    await scheduler.stop().catch(() => undefined);
    await database.close();
    throw error;
  }
}

/** A worker process's HTTP: GET /healthz, /readyz and /metrics only, for the orchestrator and Prometheus. */
function createWorkerApp(db: Database['db'], metrics: ReturnType<typeof createMetrics>, logger: Logger): express.Application {
  const app = express();
  app.disable('x-powered-by');
  app.use(createHealthRouter({ db, registry: metrics.registry, logger }));
  return app;
}

/**
 * The LLM layer from config: with no OPENAI_API_KEY the rules NLU alone (logged once); with a key the guarded
 * rules+model interpreter within LLM_TIMEOUT_MS, and with LLM_REWORD=true a guarded rewriter for the outbox.
 * No network until a message needs it.
 */
function buildLlmAssistance(config: Config, clock: Clock, logger: Logger): { interpret: Interpreter; rewriter?: Rewriter } {
  // One recognizer per process: it owns its formatter cache.
  const recognizer = createRecognizer();
  const llm = createLlm(config, { logger });
  if (!llm) return { interpret: async (text, ctx) => recognizer(text, ctx) };
  const interpret = createLlmInterpreter({ llm, rules: recognizer, budgetMs: config.LLM_TIMEOUT_MS, clock });
  if (!config.LLM_REWORD) return { interpret };
  logger.info({ code: 'LLM.REWORD_ON', prompt: llm.prompts.reword.version }, 'LLM rewording on for templated replies');
  return { interpret, rewriter: createRewriter({ llm, budgetMs: config.LLM_TIMEOUT_MS }) };
}

/** Applies migrations and seeds the demo portfolio; closes the database if either fails. */
async function prepareDatabase(database: Database, config: Config, clock: Clock, logger: Logger): Promise<void> {
  try {
    const { applied } = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info({ code: 'DB.MIGRATED', applied }, 'migrations applied');
    await seedDemoPortfolio(database, config, clock, logger);
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The negotiation policies in FLOWS_DIR/policies, loaded once; a bad file stops the start with file:line:column errors. */
async function loadCollectionsPolicies(config: Config): Promise<PolicySet> {
  const dir = join(config.FLOWS_DIR, 'policies');
  const loaded = await loadPolicies(dir).catch((error: unknown) => {
    throw new Error(`policies in ${dir} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (!loaded.ok) throw new Error(`policies in ${dir} are not valid:\n${loaded.issues.map(formatPolicyIssue).join('\n')}`);
  if (loaded.policies.length === 0) throw new Error(`no policy files (*.yaml) in ${dir}: add at least one (id: default)`);
  return loaded.policies;
}

/** The compliance rules in FLOWS_DIR/compliance; the service does not start on rules with errors. Reads files. */
async function loadRuleBook(config: Config): Promise<RuleBook> {
  const dir = join(config.FLOWS_DIR, 'compliance');
  const loaded = await loadComplianceRules(dir);
  if (!loaded.ok) throw new Error(`compliance rules in ${dir} are not valid:\n${loaded.issues.map(formatRulesIssue).join('\n')}`);
  if (loaded.book.jurisdictions.size === 0) throw new Error(`no compliance rules (XX.yaml) in ${dir}: nothing proactive could ever be sent`);
  return loaded.book;
}

async function loadFlows(config: Config, registry: Registry): Promise<FlowSource> {
  const repository = createFlowRepository({ dir: config.FLOWS_DIR, registry });
  const loaded = await repository.reload();
  if (!loaded.ok) {
    const lines = loaded.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`);
    throw new Error(`flows in ${config.FLOWS_DIR} are not valid:\n${lines.join('\n')}`);
  }
  return repository;
}

/**
 * The secret payment links are signed with. Production requires PAYMENT_LINK_SECRET (config.ts); elsewhere a
 * missing one is replaced by a random per-process secret (links stop verifying after a restart), with a warning.
 */
function paymentLinkSecret(config: Config, logger: Logger): string {
  if (config.PAYMENT_LINK_SECRET) return config.PAYMENT_LINK_SECRET;
  logger.warn({ code: 'PAYMENT_LINK.EPHEMERAL_SECRET' }, 'PAYMENT_LINK_SECRET is not set: payment links are signed with a random per-process secret');
  return randomBytes(32).toString('base64url');
}

/**
 * Seeds the demo portfolio (seedDemo: debtors `demo-…` with accounts, histories and simulator hints) when
 * SEED_DEMO=true, or by default when the embedded database has no debtors yet, so `npm start` gives the simulator
 * someone to play. Idempotent.
 */
async function seedDemoPortfolio(database: Database, config: Config, clock: Clock, logger: Logger): Promise<void> {
  if (config.SEED_DEMO === false) return;
  if (config.SEED_DEMO === undefined) {
    if (database.kind !== 'pglite') return;
    const existing = await database.db.selectFrom('debtors').select('id').limit(1).executeTakeFirst();
    if (existing) return;
  }
  const { imported } = await seedDemo(database.db, clock.now());
  logger.info({ code: 'DEMO.SEEDED', debtors: imported.rows, created: imported.debtors.created }, 'demo portfolio seeded');
}

function buildChannels(config: Config, baileys: BaileysChannel | undefined): Partial<Record<ChannelKind, Channel>> {
  const channels: Partial<Record<ChannelKind, Channel>> = { web: createWebChannel() };
  if (config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.PUBLIC_BASE_URL) {
    const settings = {
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      apiBaseUrl: config.TWILIO_API_BASE_URL,
      smsFrom: config.TWILIO_SMS_FROM,
      whatsappFrom: config.TWILIO_WHATSAPP_FROM,
    };
    if (settings.smsFrom) channels.sms = createTwilioChannel(settings, 'sms');
    if (settings.whatsappFrom) channels.whatsapp = createTwilioChannel(settings, 'whatsapp');
  }
  if (baileys) channels.baileys = baileys.channel;
  return channels;
}

/**
 * The Baileys QR page for machines at /admin/whatsapp, only behind an admin bearer token: whoever opens it can link
 * the number to their own phone, so with no admin token in API_TOKENS it is not served at all, in any environment.
 * People open it in the console (/console/whatsapp, signed-in admins); outside production the QR is also printed
 * in the terminal.
 */
function adminMounts(config: Config, baileys: BaileysChannel, logger: Logger): Array<{ path: string; router: express.Router }> {
  if (!config.API_TOKENS.some((t) => t.role === 'admin')) {
    logger.warn({ code: 'ADMIN.NOT_SERVED' }, '/admin/whatsapp is not served: add an admin token to API_TOKENS (TOKEN:admin)');
    return [];
  }
  const router = express.Router();
  router.use(createRoleGuard(config.API_TOKENS)('admin'));
  router.use(baileys.adminRouter());
  return [{ path: '/admin/whatsapp', router }];
}

/** The simulator is on outside production unless SIMULATOR_ENABLED says otherwise. */
function isSimulatorEnabled(config: Config): boolean {
  return config.SIMULATOR_ENABLED ?? config.NODE_ENV !== 'production';
}

function wakeAfter<T extends { inserted: boolean }>(result: T, wake: () => void): T {
  if (result.inserted) wake();
  return result;
}

/** `npm start`: parse the environment (one line per bad variable, exit 1), start, stop gracefully on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    for (const line of parsed.errors) console.error(`config error: ${line}`);
    process.exit(1);
  }
  let service: RunningService;
  try {
    service = await startService(parsed.config);
  } catch (error) {
    console.error(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const simulator = isSimulatorEnabled(parsed.config);
  const role = parsed.config.PROCESS_ROLE;
  const roleNote = role === 'all' ? '' : ` (PROCESS_ROLE=${role}${role === 'worker' ? ': /healthz, /readyz and /metrics only' : ''})`;
  const chat = simulator && role !== 'worker' ? ` — chat with the bot at ${service.url}/simulator/` : '';
  console.log(`Pacto is listening on ${service.url}${roleNote}${chat}`);
  for (const line of service.notices) console.log(line);
  const shutdown = (signal: string) => {
    service.logger.info({ code: 'SERVICE.STOPPING', signal }, 'shutting down');
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) void main();
