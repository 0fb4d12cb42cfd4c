import { z } from 'zod';

/**
 * The one place the environment is read. parseConfig() validates every variable with zod and returns
 * a typed, frozen config, or a list of one-line errors naming each bad variable and what it should be.
 */

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be greater than 0');

const leaseSeconds = positiveInt.min(5, 'must be at least 5 (seconds)').max(3600, 'must be at most 3600 (seconds)');

const optionalUrl = z.url({ message: 'must be a URL such as https://example.com' }).optional();

const roles = ['admin', 'supervisor', 'viewer', 'service'] as const;

const apiTokens = z
  .string()
  .transform((raw, ctx) => {
    const tokens: Array<{ token: string; role: (typeof roles)[number]; name?: string }> = [];
    for (const pair of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
      // TOKEN:ROLE or TOKEN:ROLE:NAME; the name (e.g. a supervisor's login) is recorded on their decisions.
      const [token, role, name, ...rest] = pair.split(':');
      const parsedRole = z.enum(roles).safeParse(role);
      const validName = name === undefined || /^[A-Za-z0-9._@-]{1,64}$/.test(name);
      if (!token || token.length < 16 || !parsedRole.success || !validName || rest.length > 0) {
        ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of TOKEN:ROLE or TOKEN:ROLE:NAME with tokens of 16+ characters, ROLE one of ${roles.join(', ')} and NAME letters, digits or ._@-` });
        return z.NEVER;
      }
      tokens.push({ token, role: parsedRole.data, ...(name ? { name } : {}) });
    }
    return tokens;
  })
  .default([]);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty'], { message: 'must be auto, json or pretty' }).default('auto'),
  PUBLIC_BASE_URL: optionalUrl,
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL').optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_PREPARED_STATEMENTS: bool.default(true),
  FLOWS_DIR: z.string().default('./flows'),
  PROMPTS_DIR: z.string().default('./prompts'),
  SEED_DEMO: bool.optional(),
  SIMULATOR_ENABLED: bool.optional(),
  API_TOKENS: apiTokens,
  WORKER_CONCURRENCY: positiveInt.default(4),
  /** What this process runs: `all` (HTTP + workers), `web` (HTTP and webhooks only) or `worker` (inbox, outbox, timers, pollers). */
  PROCESS_ROLE: z.enum(['all', 'web', 'worker'], { message: 'must be all, web or worker' }).default('all'),
  OUTBOX_RATE_PER_SECOND: positiveInt.default(20),
  /** How long a worker holds claimed inbox rows before another process may take them over (a crashed worker's). */
  INBOX_LEASE_SECONDS: leaseSeconds.default(60),
  /** How long a sender holds a reply it is sending; past it another sender retries, so it must outlast a provider call. */
  OUTBOX_LEASE_SECONDS: leaseSeconds.default(60),
  /**
   * How long a reply is retried after the first provider call failed (429s wait the provider's Retry-After, 5xx and
   * timeouts back off); past it the failure is final (metric, audit, status 'failed') and the next reply says so.
   */
  OUTBOX_RETRY_BUDGET_SECONDS: positiveInt.min(10, 'must be at least 10 (seconds)').max(86_400, 'must be at most 86400 (a day)').default(900),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be an Account SID: AC followed by 32 hex digits').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'must be the 32-character auth token').optional(),
  TWILIO_SMS_FROM: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +15005550006').optional(),
  TWILIO_WHATSAPP_FROM: z.string().regex(/^whatsapp:\+[1-9]\d{6,14}$/, 'must look like whatsapp:+14155238886').optional(),
  TWILIO_API_BASE_URL: optionalUrl,
  BAILEYS_ENABLED: bool.default(false),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: positiveInt.default(2500),
  LLM_MAX_CALLS_PER_CONVERSATION: positiveInt.default(50),
  LLM_REWORD: bool.default(false),
  PAYMENT_LINK_TEMPLATE: z.string().default('https://pay.example.com/p?account={account}&amount={amount}&cur={currency}&ref={reference}&sig={signature}'),
  PAYMENT_LINK_SECRET: z.string().min(16, 'must be a secret of 16+ characters').optional(),
  VERIFICATION_LOCK_MINUTES: positiveInt.default(30),
  /** A debtor who passed verification less than this many minutes ago is not asked again in a new conversation (0: always ask). */
  REVERIFY_AFTER_MINUTES: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(10_080, 'must be at most 10080 (a week)').default(60),
  /** How often due promises are checked (kept / broken after grace): the recurring Agenda job 'promise-evaluation'. */
  PROMISE_CHECK_INTERVAL_SECONDS: positiveInt.default(300),
  /** How often due inactivity timers are fired into the inbox: the recurring Agenda job 'timers'. */
  TIMER_CHECK_INTERVAL_SECONDS: positiveInt.default(5),
  /** false: worker processes do not schedule the outreach sweep, so no cadence step is sent (the preview still answers). */
  OUTREACH_ENABLED: bool.default(true),
  /** How often the outreach sweep (one recurring Agenda job) decides the due cadence steps. */
  OUTREACH_SWEEP_INTERVAL_SECONDS: positiveInt.default(60),
  /** Accounts per outreach sweep batch (each one transaction: the lock, three reads, the writes). */
  OUTREACH_BATCH_SIZE: positiveInt.max(5000, 'must be at most 5000').default(500),
  /** Minutes a console session may sit unused before the supervisor must sign in again. */
  CONSOLE_IDLE_MINUTES: positiveInt.max(24 * 60, 'must be at most 1440 (a day)').default(30),
  /** Twilio Content SID of the approved WhatsApp template the console offers when the 24-hour window is closed. */
  CONSOLE_REOPEN_TEMPLATE_SID: z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'must be a Content SID: HX followed by 32 hex digits').optional(),
});

export type Config = Readonly<z.infer<typeof schema>>;

/** The names of every environment variable the config reads (what `.env.example` must list). */
export const configVariableNames: readonly string[] = Object.keys(schema.shape);
export type ApiRole = (typeof roles)[number];

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Parses an environment (normally process.env) into a Config. Pure: it reads only the object given. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) {
    const config = result.data;
    const twilioErrors = [...checkTwilioTogether(config), ...checkProductionSecrets(config), ...checkProcessRole(config)];
    if (twilioErrors.length > 0) return { ok: false, errors: twilioErrors };
    return { ok: true, config: Object.freeze(config) };
  }
  const errors = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    return `${name}: ${issue.message}`;
  });
  return { ok: false, errors };
}

function checkTwilioTogether(config: z.infer<typeof schema>): string[] {
  const anyTwilio = config.TWILIO_ACCOUNT_SID || config.TWILIO_AUTH_TOKEN;
  if (!anyTwilio) return [];
  const errors: string[] = [];
  if (!config.TWILIO_ACCOUNT_SID) errors.push('TWILIO_ACCOUNT_SID: is required when TWILIO_AUTH_TOKEN is set');
  if (!config.TWILIO_AUTH_TOKEN) errors.push('TWILIO_AUTH_TOKEN: is required when TWILIO_ACCOUNT_SID is set');
  if (!config.PUBLIC_BASE_URL) errors.push('PUBLIC_BASE_URL: is required with Twilio, to check X-Twilio-Signature (the URL Twilio calls)');
  return errors;
}

/** Payment links are signed: production must keep the secret across restarts and processes. */
function checkProductionSecrets(config: z.infer<typeof schema>): string[] {
  if (config.NODE_ENV !== 'production' || config.PAYMENT_LINK_SECRET) return [];
  return ['PAYMENT_LINK_SECRET: is required in production, to sign payment links (a random string of 16+ characters, the same in every process)'];
}

/** Split roles share one PostgreSQL; Baileys holds one WhatsApp session that both receives and sends, so it needs `all`. */
function checkProcessRole(config: z.infer<typeof schema>): string[] {
  if (config.PROCESS_ROLE === 'all') return [];
  const errors: string[] = [];
  if (!config.DATABASE_URL) errors.push(`PROCESS_ROLE: ${config.PROCESS_ROLE} needs DATABASE_URL (a PostgreSQL shared by the web and worker processes); embedded PGlite serves one process, use all`);
  if (config.BAILEYS_ENABLED) errors.push(`BAILEYS_ENABLED: Baileys runs only with PROCESS_ROLE=all (one WhatsApp session receives and sends)`);
  return errors;
}
