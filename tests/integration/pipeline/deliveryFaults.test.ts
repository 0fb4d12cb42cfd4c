import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwilioChannel } from '../../../src/adapters/channels/twilio/createTwilioChannel';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { CLAIM_OWNER_LOCK_CLASS } from '../../../src/adapters/db/registerClaimOwner';
import { createMetrics } from '../../../src/observability/createMetrics';
import type { Metrics } from '../../../src/observability/createMetrics';
import { claimInboxRows } from '../../../src/pipeline/process/claimInboxRows';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { reclaimDeadClaims } from '../../../src/pipeline/reclaimDeadClaims';
import { claimOutboxRows } from '../../../src/pipeline/send/claimOutboxRows';
import { createOutboxSender } from '../../../src/pipeline/send/createOutboxSender';
import { earlierFailedNotice } from '../../../src/pipeline/send/markNextReplyWithNotice';
import { startFakeTwilioApi } from '../../fakes/fakeTwilioApi';
import type { FakeTwilioApi } from '../../fakes/fakeTwilioApi';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { createTestDatabase, hasRealPostgres } from '../../helpers/testDatabase';

/**
 * The outbox against the official twilio client and the fake Twilio API answering with faults: order kept while a
 * reply is retried, Retry-After honoured, a final failure visible and noticed, and no duplicate when a send's outcome
 * was lost (a crash after Twilio accepted, or a timeout): the provider's list is asked first.
 */
let database: Database & { url?: string };
let harness: PipelineHarness;
let fake: FakeTwilioApi;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
  fake = await startFakeTwilioApi();
});
afterAll(async () => {
  await fake?.close();
  await database?.close();
});

const whatsappFrom = 'whatsapp:+14155238886';
const twilio = (timeoutMs = 2_000) =>
  createTwilioChannel({ accountSid: fake.accountSid, authToken: fake.authToken, publicBaseUrl: 'https://pacto.example.com', apiBaseUrl: fake.url, whatsappFrom, timeoutMs }, 'whatsapp');

/** A debtor at `phone` writes `hola`: two replies wait in the outbox (greeting, then the identifier question). */
async function greet(phone: string): Promise<void> {
  await harness.addDebtor('co_maria', 'whatsapp', phone);
  await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `WA-${phone}`, from: phone, body: 'hola', receivedAt: harness.deps.clock.now() });
  await createInboxWorker(harness.deps).drainOnce();
}

const outboxOf = (to: string) =>
  database.db.selectFrom('outbox').selectAll().where('toAddress', '=', to).orderBy('position').execute();
const sentTo = (phone: string) => fake.messages.filter((m) => m.to === `whatsapp:${phone}`);

/** A sender through the official client to the fake (no jitter), with metrics of its own (`metrics`). */
function sender(opts: { timeoutMs?: number; budgetMs?: number; metrics?: Metrics } = {}) {
  const metrics = opts.metrics ?? createMetrics();
  return createOutboxSender({ ...harness.deps, metrics, channels: { whatsapp: twilio(opts.timeoutMs) }, ratePerSecond: 100, random: () => 1, ...(opts.budgetMs ? { retryBudgetMs: opts.budgetMs } : {}) });
}

describe('outbox under provider faults', () => {
  it('waits what a 429 Retry-After says, holding the later reply of the conversation behind the earlier one', async () => {
    const phone = '+573400000001';
    await greet(phone);
    const outbox = sender();
    fake.setFault({ kind: 'rate_limited', retryAfterSeconds: 30 });
    expect(await outbox.drainOnce()).toBe(1);
    fake.setFault(undefined);
    let rows = await outboxOf(phone);
    expect(rows.map((r) => [r.template, r.status, r.errorCode])).toEqual([['greeting', 'pending', 'TWILIO.RATE_LIMITED'], ['ask_identifier', 'pending', null]]);
    expect(rows[0]?.nextAttemptAt.getTime()).toBe(harness.deps.clock.now().getTime() + 30_000);
    harness.deps.clock.advance(29_999);
    expect(await outbox.drainOnce()).toBe(0); // neither the earlier reply nor the later one goes before Retry-After
    harness.deps.clock.advance(1);
    expect(await outbox.drainOnce()).toBe(2);
    rows = await outboxOf(phone);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(sentTo(phone).map((m) => m.body)).toEqual(rows.map((r) => r.body));
  });

  it('makes a permanent failure final at once: status failed, audited, counted, and the next reply says one is missing', async () => {
    const phone = '+573400000002';
    await greet(phone);
    fake.failNext(1, 400, 21211);
    const metrics = createMetrics();
    expect(await sender({ metrics }).drainOnce()).toBe(2);
    const rows = await outboxOf(phone);
    expect(rows.map((r) => [r.template, r.status, r.errorCode, r.notice])).toEqual([
      ['greeting', 'failed', 'TWILIO.INVALID_RECIPIENT', null],
      ['ask_identifier', 'sent', null, 'DELIVERY.EARLIER_FAILED'],
    ]);
    const sent = sentTo(phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.startsWith(`${earlierFailedNotice('es-CO')}\n`)).toBe(true);
    const messages = await database.db.selectFrom('messages').select(['id', 'status', 'body']).where('id', 'in', rows.map((r) => r.messageId ?? '')).execute();
    expect(messages.find((m) => m.id === rows[0]?.messageId)?.status).toBe('failed');
    expect(messages.find((m) => m.id === rows[1]?.messageId)?.body).toBe(sent[0]?.body);
    const audit = await database.db.selectFrom('auditEvents').select(['code', 'data']).where('conversationId', '=', rows[0]?.conversationId ?? '').where('code', '=', 'OUTBOX.FAILED').execute();
    expect(audit).toEqual([{ code: 'OUTBOX.FAILED', data: { outboxId: rows[0]?.id, errorCode: 'TWILIO.INVALID_RECIPIENT', reason: 'PERMANENT', attempts: 1, noticeOn: rows[1]?.id } }]);
    expect(await metrics.registry.getSingleMetricAsString('outbox_failed_total')).toContain('outbox_failed_total{channel="whatsapp",code="TWILIO.INVALID_RECIPIENT",reason="PERMANENT"} 1');
  });

  it('retries 500s with growing waits until the time budget is spent, then fails for good; nothing overtakes it meanwhile', async () => {
    const phone = '+573400000003';
    await greet(phone);
    const outbox = sender({ budgetMs: 120_000 });
    fake.setFault({ kind: 'unavailable' });
    const waits: number[] = [];
    for (let round = 0; round < 30; round += 1) {
      await outbox.drainOnce();
      const [first, second] = await outboxOf(phone);
      if (first?.status !== 'pending') break;
      expect(second?.status).toBe('pending');
      expect(second?.attempts).toBe(0);
      waits.push(first.nextAttemptAt.getTime() - harness.deps.clock.now().getTime());
      harness.deps.clock.set(first.nextAttemptAt);
    }
    fake.setFault(undefined);
    // 2 s, 4 s, 8 s … up to a minute, the last one cut to the deadline.
    expect(waits.slice(0, 4)).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(waits.reduce((a, b) => a + b, 0)).toBe(120_000);
    // The greeting failed for good; the question, next in line, was tried at once (and met the same 500).
    let rows = await outboxOf(phone);
    expect(rows.map((r) => [r.status, r.errorCode, r.notice])).toEqual([['failed', 'TWILIO.UNAVAILABLE', null], ['pending', 'TWILIO.UNAVAILABLE', 'DELIVERY.EARLIER_FAILED']]);
    expect(sentTo(phone)).toHaveLength(0);
    harness.deps.clock.set(rows[1]?.nextAttemptAt ?? new Date());
    expect(await outbox.drainOnce()).toBe(1);
    rows = await outboxOf(phone);
    expect(sentTo(phone).map((m) => m.body)).toEqual([rows[1]?.body]);
    expect(rows[1]?.body.startsWith(earlierFailedNotice('es'))).toBe(true);
  });

  it('after a timeout Twilio answered late, asks Twilio before sending again and does not send twice', async () => {
    const phone = '+573400000004';
    await greet(phone);
    const outbox = sender({ timeoutMs: 300 });
    fake.setFault({ kind: 'hang', accept: true });
    expect(await outbox.drainOnce()).toBe(1);
    fake.setFault(undefined);
    let rows = await outboxOf(phone);
    expect(rows.map((r) => [r.status, r.errorCode])).toEqual([['pending', 'TWILIO.TIMEOUT'], ['pending', null]]);
    expect(rows[0]?.unconfirmedSince).not.toBeNull();
    harness.deps.clock.advance(60_000);
    expect(await outbox.drainOnce()).toBe(2);
    rows = await outboxOf(phone);
    const sent = sentTo(phone);
    expect(sent.map((m) => m.body)).toEqual(rows.map((r) => r.body)); // the greeting once, then the question
    expect(rows.map((r) => [r.status, r.providerMessageId, r.unconfirmedSince])).toEqual(sent.map((m) => ['sent', m.sid, null]));
  });

  it('the claims of a killed process are freed at once: its inbox row is processed, its reply checked with Twilio and not sent again', async () => {
    const phone = '+573400000005';
    await greet(phone);
    // A process that is gone: registered under this server, but nobody holds its lock (on PGlite: any other owner).
    await sql`INSERT INTO claim_owners (id, role, host, pid, postmaster_started_at) VALUES ('dead-1', 'worker', 'h', 1, pg_postmaster_start_time())`.execute(database.db);
    const now = harness.deps.clock.now();
    const [claimed] = await claimOutboxRows(database.db, { now, leaseMs: 600_000, channels: ['whatsapp'], owner: 'dead-1' });
    expect(claimed?.toAddress).toBe(phone);
    // It sent the greeting, Twilio accepted it, and the process died before writing that down.
    const accepted = await twilio().send({ outboxId: claimed?.id ?? '', channel: 'whatsapp', to: phone, body: claimed?.body ?? '' });
    if (!accepted.ok) throw new Error(`the fake refused the send: ${accepted.error.code}`);

    // It had also claimed the debtor's next message and died before processing it.
    await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `WA-${phone}-2`, from: phone, body: 'cuánto debo', receivedAt: now });
    const [inbound] = await claimInboxRows(database.db, { now, leaseMs: 600_000, limit: 10, owner: 'dead-1' });
    expect(inbound?.fromAddress).toBe(phone);

    const metrics = createMetrics();
    const outbox = sender({ metrics });
    expect(await outbox.drainOnce()).toBe(0); // leased for 10 minutes: nobody may take it yet
    expect(await createInboxWorker(harness.deps).drainOnce()).toBe(0);
    expect(await reclaimDeadClaims(database.db, { self: 'live-me', kind: database.kind, now })).toEqual(['dead-1']);
    expect(await createInboxWorker(harness.deps).drainOnce()).toBe(1);
    expect(await outbox.drainOnce()).toBe(3);
    const rows = await outboxOf(phone);
    const sent = sentTo(phone);
    expect(sent.map((m) => m.body)).toEqual(rows.map((r) => r.body));
    expect(rows.map((r) => [r.status, r.providerMessageId])).toEqual(sent.map((m) => ['sent', m.sid]));
    expect(rows).toHaveLength(3); // greeting, identifier question, and the answer to the reclaimed message
    expect(rows[0]?.providerMessageId).toBe(accepted.providerId);
    expect(await metrics.registry.getSingleMetricAsString('outbox_reconciled_total')).toContain('outbox_reconciled_total{channel="whatsapp",outcome="already_accepted"} 1');
  });

  it.skipIf(!hasRealPostgres())('never frees the claims of a live process (its lock is held), only of a gone one', async () => {
    const live = new pg.Client({ connectionString: database.url });
    await live.connect();
    try {
      const row = await live.query<{ lock_key: number }>(`INSERT INTO claim_owners (id, role, host, pid, postmaster_started_at) VALUES ('live-1', 'worker', 'h', 2, pg_postmaster_start_time()) RETURNING lock_key`);
      await live.query('SELECT pg_advisory_lock($1, $2)', [CLAIM_OWNER_LOCK_CLASS, row.rows[0]?.lock_key]);
      await sql`INSERT INTO claim_owners (id, role, host, pid, postmaster_started_at) VALUES ('old-server', 'worker', 'h', 3, now() - interval '1 day')`.execute(database.db);
      expect(await reclaimDeadClaims(database.db, { self: 'live-me', kind: 'postgres', now: new Date() })).toEqual([]);
      await live.end();
      // Its connection is gone, so is its lock: the next check frees its claims.
      await expect.poll(() => reclaimDeadClaims(database.db, { self: 'live-me', kind: 'postgres', now: new Date() }), { timeout: 10_000 }).toEqual(['live-1']);
    } finally {
      await live.end().catch(() => undefined);
    }
  });
});
