import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { buildServiceProcessEnv } from '../../fakes/buildServiceProcessEnv';
import { startFakeTwilioApi } from '../../fakes/fakeTwilioApi';
import type { FakeTwilioApi } from '../../fakes/fakeTwilioApi';
import { importPortfolioCsv } from '../../fakes/importPortfolioCsv';
import { mariaConversation, mariaPhone } from '../../fakes/mariaConversation';
import { readPortfolioFixture } from '../../fakes/readPortfolioFixture';
import { newMessageSid, signTwilioWebhook } from '../../fakes/signTwilioWebhook';
import { startServiceProcess } from '../../fakes/startServiceProcess';
import type { ServiceProcess } from '../../fakes/startServiceProcess';
import { testPublicBaseUrl } from '../../fakes/startTestService';
import { waitForPipelineIdle } from '../../fakes/waitForPipelineIdle';
import { createTestDatabase, hasRealPostgres } from '../../helpers/testDatabase';

/**
 * PROCESS_ROLE split: a web process (HTTP and webhooks only) and a worker process (inbox, outbox, timers, pollers;
 * HTTP for health and metrics only), each `node --import tsx src/main.ts`, on one PostgreSQL database. The web
 * process stores the inbound and NOTIFYs; the worker answers through the Twilio API fake.
 */
const whatsappFrom = 'whatsapp:+14155238886';
const adminToken = 'roles-admin-token-0123456789';

const realPostgres = hasRealPostgres();
const title = realPostgres
  ? 'PROCESS_ROLE=web and PROCESS_ROLE=worker as two processes on one PostgreSQL database'
  : 'PROCESS_ROLE split — skipped: needs DATABASE_URL (web and worker roles share a PostgreSQL; PGlite lives inside one process)';

describe.skipIf(!realPostgres)(title, () => {
  let database: Database;
  let fake: FakeTwilioApi;
  let web: ServiceProcess;
  let worker: ServiceProcess;

  beforeAll(async () => {
    const created = await createTestDatabase({ poolMax: 2 });
    database = created;
    const databaseUrl = created.url;
    if (!databaseUrl) throw new Error('createTestDatabase gave no URL on PostgreSQL');
    fake = await startFakeTwilioApi();
    const env = (role: string): Record<string, string> => ({
      ...buildServiceProcessEnv({ databaseUrl, fake, via: role, whatsappFrom, adminToken, paymentLinkSecret: 'roles-payment-link-secret-0123456789' }),
      PROCESS_ROLE: role,
    });
    // The worker first: it applies the migrations the web process would otherwise race it for.
    worker = await startServiceProcess('worker', env('worker'));
    web = await startServiceProcess('web', env('web'));
    await importPortfolioCsv(web.url, adminToken, await readPortfolioFixture('maria.csv'));
  }, 180_000);

  afterAll(async () => {
    await Promise.all([web?.stop(), worker?.stop()]);
    await fake?.close();
    await database?.close();
  });

  it('answers a signed webhook received by the web process through the worker process, in order', async () => {
    for (const turn of mariaConversation.slice(0, 2)) {
      const before = fake.messages.length;
      const params = { MessageSid: newMessageSid(), AccountSid: fake.accountSid, From: `whatsapp:${mariaPhone}`, To: whatsappFrom, Body: turn.say, NumMedia: '0' };
      const res = await fetch(`${web.url}/webhooks/twilio`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(fake.authToken, `${testPublicBaseUrl}/webhooks/twilio`, params) },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBe(200);
      await vi.waitFor(() => expect(fake.messages.length).toBe(before + turn.replies.length), { timeout: 60_000, interval: 100 });
      const replies = fake.messages.slice(before);
      expect(replies.map((m) => m.body)).toEqual(turn.replies.map((pattern) => expect.stringMatching(pattern)));
      // Sent by the worker's Twilio client: the web process sends nothing.
      expect(replies.every((m) => m.to === `whatsapp:${mariaPhone}` && m.via === 'worker')).toBe(true);
    }
    await waitForPipelineIdle(database.db, 60_000);
  }, 180_000);

  it('keeps the roles apart: the worker serves health only, the web process runs no worker', async () => {
    expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${worker.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${worker.url}/webhooks/twilio`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${web.url}/healthz`)).status).toBe(200);
    await worker.stop();
    // With the worker gone, an inbound is acknowledged and stored, and stays pending: nothing processes it.
    const params = { MessageSid: newMessageSid(), AccountSid: fake.accountSid, From: `whatsapp:${mariaPhone}`, To: whatsappFrom, Body: 'gracias', NumMedia: '0' };
    const res = await fetch(`${web.url}/webhooks/twilio`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(fake.authToken, `${testPublicBaseUrl}/webhooks/twilio`, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_500));
    const row = await database.db.selectFrom('inbox').select('status').where('providerMessageId', '=', params.MessageSid).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  }, 120_000);
});
