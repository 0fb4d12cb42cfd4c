import { buildTwilioFakeEnv } from './buildTwilioFakeEnv';
import type { FakeTwilioApi } from './fakeTwilioApi';

export interface ServiceProcessEnvOptions {
  databaseUrl: string;
  fake: FakeTwilioApi;
  /** Tag of this process's Twilio client at the fake (`/via/<via>`). */
  via: string;
  whatsappFrom: string;
  adminToken: string;
  paymentLinkSecret: string;
}

/**
 * The environment of one service process for startServiceProcess: test mode on a free port of 127.0.0.1, the given
 * PostgreSQL database, no demo seed, no outreach sweep (its steps would depend on the day and hour), an admin token, and Twilio pointed at the fake through `/via/<via>`. No I/O.
 */
export function buildServiceProcessEnv(opts: ServiceProcessEnvOptions): Record<string, string> {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: opts.databaseUrl,
    SEED_DEMO: 'false',
    OUTREACH_ENABLED: 'false',
    ...buildTwilioFakeEnv(opts.fake, opts.whatsappFrom, opts.via),
    API_TOKENS: `${opts.adminToken}:admin`,
    PAYMENT_LINK_SECRET: opts.paymentLinkSecret,
  };
}
