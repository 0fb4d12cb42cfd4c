import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/adapters/db/createDatabase';
import { buildServiceProcessEnv } from '../fakes/buildServiceProcessEnv';
import { startFakeTwilioApi } from '../fakes/fakeTwilioApi';
import type { FakeTwilioApi, RecordedMessage } from '../fakes/fakeTwilioApi';
import { importPortfolioCsv } from '../fakes/importPortfolioCsv';
import { mariaConversation, mariaPhone } from '../fakes/mariaConversation';
import type { ConversationTurn } from '../fakes/mariaConversation';
import { readPortfolioFixture } from '../fakes/readPortfolioFixture';
import { newMessageSid, signTwilioWebhook } from '../fakes/signTwilioWebhook';
import { startServiceProcess } from '../fakes/startServiceProcess';
import type { ServiceProcess } from '../fakes/startServiceProcess';
import { testPublicBaseUrl } from '../fakes/startTestService';
import { waitForPipelineIdle } from '../fakes/waitForPipelineIdle';
import { createTestDatabase, hasRealPostgres } from '../helpers/testDatabase';

/**
 * Scaling out for real: two service processes (`node --import tsx src/main.ts`, each on PORT=0) on ONE PostgreSQL
 * database, the Twilio client of each pointed at the same fake through its own path (`/via/a`, `/via/b`) so the fake
 * can tell them apart. Both run with INBOX_LEASE_SECONDS and OUTBOX_LEASE_SECONDS of 10, as an operator would set
 * them, so the crash test waits seconds, not minutes, for the dead process's leases to run out.
 */
const leaseSeconds = 10;
const whatsappFrom = 'whatsapp:+14155238886';
const adminToken = 'e2e-two-admin-token-0123456789';
const linkSecret = 'e2e-two-payment-link-secret-0123456789';
const otherPhone = '+573001114455';
const burstSize = 6;

const realPostgres = hasRealPostgres();
const title = realPostgres
  ? 'two service processes on one PostgreSQL database'
  : 'two service processes on one database — skipped: needs DATABASE_URL (PGlite lives inside one process and cannot be shared by two)';

describe.skipIf(!realPostgres)(title, () => {
  let database: Database;
  let fake: FakeTwilioApi;
  let a: ServiceProcess;
  let b: ServiceProcess;

  beforeAll(async () => {
    const created = await createTestDatabase({ poolMax: 2 });
    database = created;
    const databaseUrl = created.url;
    if (!databaseUrl) throw new Error('createTestDatabase gave no URL on PostgreSQL');
    fake = await startFakeTwilioApi();
    const env = (via: string): Record<string, string> => ({
      ...buildServiceProcessEnv({ databaseUrl, fake, via, whatsappFrom, adminToken, paymentLinkSecret: linkSecret }),
      WORKER_CONCURRENCY: '2',
      INBOX_LEASE_SECONDS: String(leaseSeconds),
      OUTBOX_LEASE_SECONDS: String(leaseSeconds),
    });
    [a, b] = await Promise.all([startServiceProcess('a', env('a')), startServiceProcess('b', env('b'))]);
    const csv = await readPortfolioFixture('maria.csv', [{}, { external_id: 'e2e-two-other', account_id: 'E2E-CO-2', phone: otherPhone }]);
    await importPortfolioCsv(a.url, adminToken, csv);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await fake?.close();
    await database?.close();
  }, 90_000);

  /** A signed Twilio webhook for `phone` to one process; a given MessageSid replays a delivery. */
  async function post(to: ServiceProcess, phone: string, body: string, sid = newMessageSid()): Promise<number> {
    const params = { MessageSid: sid, AccountSid: fake.accountSid, From: `whatsapp:${phone}`, To: whatsappFrom, Body: body, NumMedia: '0' };
    const res = await fetch(`${to.url}/webhooks/twilio`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(fake.authToken, `${testPublicBaseUrl}/webhooks/twilio`, params) },
      body: new URLSearchParams(params).toString(),
    });
    await res.arrayBuffer();
    return res.status;
  }

  function sentTo(phone: string): RecordedMessage[] {
    return fake.messages.filter((m) => m.to === `whatsapp:${phone}`);
  }

  async function waitForReplies(phone: string, count: number, timeoutMs: number): Promise<void> {
    await vi.waitFor(() => expect(sentTo(phone).length, `replies to ${phone}\n${a.output()}\n${b.output()}`).toBeGreaterThanOrEqual(count), { timeout: timeoutMs, interval: 200 });
    await waitForPipelineIdle(database.db, timeoutMs);
  }

  function expectedPatterns(turns: readonly ConversationTurn[]): unknown[] {
    return turns.flatMap((t) => t.replies.map((pattern) => expect.stringMatching(pattern)));
  }

  /**
   * Every inbound of `phone` stored and processed once, the transcript in arrival order, one outbox row per reply,
   * sent once, and the fake got exactly those replies in the order of the messages that caused them.
   */
  async function expectProcessedOnceInOrder(phone: string, bodies: readonly string[]): Promise<void> {
    const db = database.db;
    const inbox = await db.selectFrom('inbox').select(['id', 'status', 'body']).where('channel', '=', 'whatsapp').where('fromAddress', '=', phone).orderBy('seq').execute();
    expect(inbox.map((r) => r.status)).toEqual(bodies.map(() => 'done'));
    const conversation = await db.selectFrom('conversations').select('id').where('channel', '=', 'whatsapp').where('address', '=', phone).executeTakeFirstOrThrow();
    const transcript = await db.selectFrom('messages').select(['direction', 'body']).where('conversationId', '=', conversation.id).orderBy('position').execute();
    expect(transcript.filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(inbox.map((r) => r.body));
    const outbox = await db
      .selectFrom('outbox')
      .innerJoin('inbox', 'inbox.id', 'outbox.inboxId')
      .select(['outbox.status', 'outbox.providerMessageId', 'outbox.body'])
      .where('outbox.conversationId', '=', conversation.id)
      .orderBy('inbox.seq')
      .orderBy('outbox.seq')
      .execute();
    const sent = sentTo(phone);
    expect(new Set(sent.map((m) => m.sid)).size).toBe(sent.length);
    expect(outbox.map((r) => r.status)).toEqual(sent.map(() => 'sent'));
    expect(outbox.map((r) => r.providerMessageId)).toEqual(sent.map((m) => m.sid));
    expect(transcript.filter((m) => m.direction === 'out').map((m) => m.body)).toEqual(sent.map((m) => m.body));
  }

  it('processes one debtor’s messages, sent alternately and concurrently to both processes, once each and answers in order', async () => {
    // The conversation, turn by turn to alternating processes, each sent as soon as the previous one is acknowledged
    // (stored), not answered: one process is still working on a message when the next arrives at the other.
    for (const [i, turn] of mariaConversation.entries()) expect(await post(i % 2 === 0 ? a : b, mariaPhone, turn.say)).toBe(200);
    // Then a burst at once to both, and one message Twilio delivers to both processes (a webhook retry).
    const replayed = newMessageSid();
    const statuses = await Promise.all([
      ...Array.from({ length: burstSize }, (_, i) => post(i % 2 === 0 ? a : b, mariaPhone, 'cuánto debo')),
      post(a, mariaPhone, 'cuánto debo', replayed),
      post(b, mariaPhone, 'cuánto debo', replayed),
    ]);
    expect(statuses.every((s) => s === 200)).toBe(true);

    const balance = mariaConversation[2];
    if (!balance) throw new Error('no balance turn');
    const turns = [...mariaConversation, ...Array.from({ length: burstSize + 1 }, () => balance)];
    const expected = expectedPatterns(turns);
    await waitForReplies(mariaPhone, expected.length, 120_000);
    expect(sentTo(mariaPhone).map((m) => m.body)).toEqual(expected);
    await expectProcessedOnceInOrder(mariaPhone, turns.map((t) => t.say));
  }, 240_000);

  it('finishes the conversation on the other process when one is killed (SIGKILL) in the middle of it', async () => {
    // From now on process a's sends to Twilio never get an answer: whatever a takes stays in flight until it dies.
    fake.hold('a');
    const turns = mariaConversation;
    let next = 0;
    // Talk to a until it is stuck on a send (or only the last turn is left).
    while (next < turns.length - 1 && fake.held.length === 0) {
      const turn = turns[next];
      if (!turn) break;
      const before = sentTo(otherPhone).length;
      expect(await post(a, otherPhone, turn.say)).toBe(200);
      next += 1;
      await vi.waitFor(() => expect(fake.held.length > 0 || sentTo(otherPhone).length >= before + turn.replies.length).toBe(true), { timeout: 60_000, interval: 50 });
    }
    const stuck = fake.held[0];
    // One more message acknowledged by a, then a dies at once: the message is stored but a may be mid-way through it.
    const killTurn = turns[next];
    if (!killTurn) throw new Error('no turn left to send');
    expect(await post(a, otherPhone, killTurn.say)).toBe(200);
    const killedAt = Date.now();
    await a.kill();
    next += 1;
    for (const turn of turns.slice(next)) expect(await post(b, otherPhone, turn.say)).toBe(200);

    // b takes over a's work once a's leases (leaseSeconds) run out.
    const expected = expectedPatterns(turns);
    await waitForReplies(otherPhone, expected.length, 180_000);
    expect(sentTo(otherPhone).map((m) => m.body)).toEqual(expected);
    await expectProcessedOnceInOrder(otherPhone, turns.map((t) => t.say));
    if (stuck) {
      // The reply a was sending when it died went out once, through b, on a later attempt.
      const row = await database.db.selectFrom('outbox').select(['attempts', 'status']).where('toAddress', '=', otherPhone).where('body', '=', stuck.form.Body ?? '').orderBy('position').execute();
      expect(row.some((r) => r.status === 'sent' && r.attempts >= 2)).toBe(true);
      expect(sentTo(otherPhone).filter((m) => m.body === stuck.form.Body && m.via === 'b').length).toBeGreaterThanOrEqual(1);
      // b waited for the configured lease, not the 60 s default (generous margin for a busy machine).
      expect(Date.now() - killedAt).toBeLessThan(50_000);
    }
    expect(sentTo(otherPhone).every((m) => m.via === 'b')).toBe(true);
    // Nothing is left claimed by the dead process.
    const leftovers = await sql<{ n: string }>`SELECT count(*)::text AS n FROM inbox WHERE status <> 'done'`.execute(database.db);
    expect(leftovers.rows[0]?.n).toBe('0');
  }, 300_000);
});
