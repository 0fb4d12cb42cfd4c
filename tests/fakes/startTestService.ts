import { parseConfig } from '../../src/config';
import { startService } from '../../src/main';
import type { RunningService, StartServiceOptions } from '../../src/main';
import { createTestDatabase, hasRealPostgres } from '../helpers/testDatabase';

export const testPublicBaseUrl = 'https://pacto.example.com';

/**
 * Starts the whole service the way `npm start` does (startService from src/main.ts, config through parseConfig)
 * on 127.0.0.1 with a free port. With DATABASE_URL set it runs on a fresh database of its own on that server
 * (dropped in stop()); otherwise on in-memory PGlite, with the outreach sweep off. `env` adds or overrides variables (Twilio, tokens, OUTREACH_ENABLED);
 * `options` goes to startService as is (e.g. a local WhatsApp Web socket factory).
 */
export async function startTestService(env: Record<string, string | undefined> = {}, options: StartServiceOptions = {}): Promise<RunningService> {
  const testDatabase = hasRealPostgres() ? await createTestDatabase({ poolMax: 2 }) : undefined;
  const parsed = parseConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: 'memory://',
    DATABASE_URL: testDatabase?.url,
    SEED_DEMO: 'true',
    // The sweep writes to imported debtors on the real clock, depending on the day and hour: tests about outreach
    // turn it on.
    OUTREACH_ENABLED: 'false',
    ...env,
  });
  if (!parsed.ok) throw new Error(`test config is invalid:\n${parsed.errors.join('\n')}`);
  try {
    const service = await startService(parsed.config, options);
    return {
      ...service,
      async stop() {
        await service.stop();
        await testDatabase?.close();
      },
    };
  } catch (error) {
    await testDatabase?.close();
    throw error;
  }
}
