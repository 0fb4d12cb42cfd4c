import type { Kysely } from 'kysely';
import type { DB, OutboxRow } from '../../adapters/db/schema';
import type { Rewriter } from '../../adapters/llm/types';
import type { Logger } from '../../observability/createLogger';
import type { Metrics } from '../../observability/createMetrics';
import type { Channel, ChannelKind, SendFailure, SendResult } from '../../ports/channel';
import type { Clock } from '../../ports/clock';
import type { ComplianceChecker } from '../../adapters/compliance/createComplianceChecker';
import { claimOutboxRows } from './claimOutboxRows';
import { createPollingLoop } from '../createPollingLoop';
import { createTokenBucket } from './createTokenBucket';
import { gateOutboxRow } from './gateOutboxRow';
import type { TokenBucket } from './createTokenBucket';
import { decideRetry, DEFAULT_RETRY_POLICY } from './decideRetry';
import type { RetryPolicy } from './decideRetry';
import { isOptedOut } from '../process/isOptedOut';
import { reconcileOutboxRow } from './reconcileOutboxRow';
import { recordSendOutcome } from './recordSendOutcome';
import type { SendOutcome } from './recordSendOutcome';
import { rewordOutboxRow } from './rewordOutboxRow';
import { runWithConcurrency } from '../runWithConcurrency';

export interface OutboxSenderDeps {
  db: Kysely<DB>;
  /** Only rows of these channels are sent by this process; others wait for a process that has the channel. */
  channels: Partial<Record<ChannelKind, Channel>>;
  /** Messages per second per channel (token bucket, burst of one second). */
  ratePerSecond: number | Partial<Record<ChannelKind, number>>;
  clock: Clock;
  /** The compliance gate every row passes before it is sent (see gateOutboxRow). */
  compliance: ComplianceChecker;
  logger: Logger;
  metrics: Metrics;
  /** Retry budget from the first provider call (OUTBOX_RETRY_BUDGET_SECONDS); default 15 minutes. */
  retryBudgetMs?: number;
  /** Waits per kind of failure (tests shorten them); the budget above wins over retryPolicy.budgetMs. */
  retryPolicy?: Partial<Omit<RetryPolicy, 'budgetMs'>>;
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
  /** Sends in flight at once (different conversations). Default 8. */
  concurrency?: number;
  /** A claim older than this is considered abandoned (crashed sender) and is sent again. Default 60 s. */
  leaseMs?: number;
  /** This process's claim owner id (claim_owners), recorded on each claim so a restart can take dead claims over. */
  owner?: () => string | undefined;
  pollIntervalMs?: number;
  /**
   * With LLM_REWORD: rewords templated rows within its own budget before the first send; the guardrail check
   * decides, and the template goes out verbatim on any failure. Absent: templates are always sent verbatim.
   */
  rewriter?: Rewriter;
}

/** How often the outbox backlog gauge is re-counted. */
const GAUGE_INTERVAL_MS = 5_000;

/**
 * The outbox sender: delivers pending rows through the channel adapters, in order per conversation (a later reply
 * waits while an earlier one is retried), within a per-channel rate, several conversations at once. Drops rows to
 * opted-out addresses with a recorded reason. Every row passes the compliance gate first (gateOutboxRow): a held row
 * waits for its next allowed moment, a skipped one is dropped with the reason. Retries by the provider's signals
 * within a time budget (decideRetry); a 429 also pauses the channel in this process for the provider's Retry-After.
 * Before re-sending a row whose earlier attempt may have been accepted unrecorded (a crash, a timeout) it asks the
 * provider (reconcileOutboxRow) and sends only if it was not. A final failure is counted (outbox_failed_total),
 * audited, and noticed on the next reply. With a rewriter, templated rows may go out reworded (see rewordOutboxRow).
 * Does I/O.
 */
export function createOutboxSender(deps: OutboxSenderDeps) {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...deps.retryPolicy, budgetMs: deps.retryBudgetMs ?? DEFAULT_RETRY_POLICY.budgetMs };
  const random = deps.random ?? Math.random;
  const leaseMs = deps.leaseMs ?? 60_000;
  const concurrency = deps.concurrency ?? 8;
  const buckets = new Map<ChannelKind, TokenBucket>();
  const pausedUntil = new Map<ChannelKind, number>();
  for (const kind of Object.keys(deps.channels).filter(isChannelKind)) {
    const rate = typeof deps.ratePerSecond === 'number' ? deps.ratePerSecond : (deps.ratePerSecond[kind] ?? 20);
    buckets.set(kind, createTokenBucket({ ratePerSecond: rate, clock: deps.clock }));
  }

  /** What follows a failure: a retry at the time decideRetry says (and a channel pause on 429), or a final failure. */
  const afterFailure = (row: OutboxRow, failure: SendFailure, extra: Partial<SendOutcome>): SendOutcome => {
    const now = deps.clock.now();
    const firstAttemptAt = row.firstAttemptAt ?? extra.firstAttemptAt ?? now;
    const decision = decideRetry(failure, { attempt: row.attempts, firstAttemptAt, now, policy, random });
    if (failure.kind === 'rate_limited' && failure.retryAfterMs !== undefined) pausedUntil.set(row.channel, now.getTime() + failure.retryAfterMs);
    if (decision.retry) return { ...extra, status: 'pending', errorCode: failure.code, nextAttemptAt: decision.at };
    deps.metrics.outboxFailed.inc({ channel: row.channel, code: failure.code, reason: decision.reason });
    return { ...extra, status: 'failed', errorCode: failure.code, finalReason: decision.reason };
  };

  const sendRow = async (row: OutboxRow, channel: Channel): Promise<SendOutcome> => {
    const reconciled = await reconcileOutboxRow(deps.db, channel, row);
    if (reconciled.status === 'accepted') {
      deps.metrics.outboxReconciled.inc({ channel: row.channel, outcome: 'already_accepted' });
      return { status: 'sent', providerMessageId: reconciled.providerId, providerStatus: reconciled.providerStatus, unconfirmedSince: null };
    }
    if (reconciled.status === 'unknown') return afterFailure(row, reconciled.error, {});
    if (row.unconfirmedSince) deps.metrics.outboxReconciled.inc({ channel: row.channel, outcome: 'not_accepted' });
    if (!row.allowAfterOptOut && (await isOptedOut(deps.db, row))) return { status: 'dropped', errorCode: 'COMPLIANCE.OPTED_OUT', unconfirmedSince: null };
    const gate = await gateOutboxRow(deps, row, deps.clock.now());
    if (!gate.pass) return { ...gate.outcome, unconfirmedSince: null };
    const body = deps.rewriter && !row.notice ? await rewordOutboxRow({ ...deps, rewriter: deps.rewriter }, row) : row.body;
    const attemptAt = deps.clock.now();
    // Past half its lease, a claim may be taken over while the call is still on its way, and the new owner's check
    // with the provider would miss it: hand the row back unsent rather than risk sending it twice.
    if (row.lockedUntil && attemptAt.getTime() > row.lockedUntil.getTime() - leaseMs / 2) {
      deps.metrics.outboxReconciled.inc({ channel: row.channel, outcome: 'late_claim_released' });
      return { status: 'pending', errorCode: 'OUTBOX.CLAIM_TOO_OLD', nextAttemptAt: attemptAt };
    }
    let result: SendResult;
    try {
      result = await channel.send({ outboxId: row.id, channel: row.channel, to: row.toAddress, ...gate.finish(body) });
    } catch (err) {
      deps.logger.warn({ code: 'CHANNEL.EXCEPTION', outboxId: row.id, err: err instanceof Error ? err.message : String(err) }, 'channel threw');
      result = { ok: false, error: { code: 'CHANNEL.EXCEPTION', message: 'channel adapter threw', retryable: true, kind: 'timeout', unconfirmed: true } };
    }
    if (result.ok) {
      const delivered = result.status === 'delivered' || result.status === 'read';
      return { status: delivered ? 'delivered' : 'sent', providerMessageId: result.providerId, providerStatus: result.status, firstAttemptAt: attemptAt, unconfirmedSince: null };
    }
    const unconfirmedSince = result.error.unconfirmed ? (row.unconfirmedSince ?? attemptAt) : null;
    return afterFailure(row, result.error, { firstAttemptAt: attemptAt, unconfirmedSince });
  };

  /** Channels this process may claim for now: it has a token, and no 429 asked it to wait. */
  const readyChannels = (): ChannelKind[] => {
    const now = deps.clock.now().getTime();
    return [...buckets.entries()].filter(([kind, bucket]) => (pausedUntil.get(kind) ?? 0) <= now && bucket.available() >= 1).map(([kind]) => kind);
  };

  /** Claims as many rows as there are lanes and tokens (one per conversation), in one statement. */
  const claimBatch = async (): Promise<OutboxRow[]> => {
    const channels = readyChannels();
    const tokens = Math.min(...channels.map((kind) => buckets.get(kind)?.available() ?? 0));
    const rows = await claimOutboxRows(deps.db, { now: deps.clock.now(), leaseMs, channels, owner: deps.owner?.(), limit: Math.max(1, Math.min(concurrency, tokens)) });
    for (const row of rows) buckets.get(row.channel)?.tryTake();
    return rows;
  };

  const handle = async (row: OutboxRow): Promise<void> => {
    const channel = deps.channels[row.channel];
    if (!channel) throw new Error(`claimed a row for unconfigured channel ${row.channel}`);
    const outcome = await sendRow(row, channel);
    const current = await recordSendOutcome(deps.db, row, outcome, deps.clock.now());
    deps.metrics.messagesOut.inc({ channel: row.channel, status: outcome.status });
    deps.logger.info({ code: 'OUTBOX.' + outcome.status.toUpperCase(), outboxId: row.id, attempts: row.attempts, errorCode: outcome.errorCode, stale: !current }, 'outbox row handled');
  };

  /** Claims a batch and sends it in parallel (different conversations), until nothing is claimable now. */
  const drainOnce = async (): Promise<number> => {
    let handled = 0;
    for (;;) {
      const rows = await claimBatch();
      if (rows.length === 0) break;
      await runWithConcurrency(rows, concurrency, handle);
      handled += rows.length;
    }
    await updateBacklogGauge();
    return handled;
  };

  // The backlog gauge counts every open row: at most once per GAUGE_INTERVAL_MS, not on every poll.
  let gaugeReadAt = Number.NEGATIVE_INFINITY;
  const updateBacklogGauge = async () => {
    const now = deps.clock.now().getTime();
    if (now - gaugeReadAt < GAUGE_INTERVAL_MS) return;
    gaugeReadAt = now;
    const { count } = await deps.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('count')).where('status', 'in', ['pending', 'sending']).executeTakeFirstOrThrow();
    deps.metrics.outboxBacklog.set(Number(count));
  };

  const loop = createPollingLoop(drainOnce, { intervalMs: deps.pollIntervalMs ?? 250, logger: deps.logger, name: 'outbox' });
  return { start: loop.start, stop: loop.stop, wake: loop.wake, drainOnce };
}

function isChannelKind(value: string): value is ChannelKind {
  return value === 'sms' || value === 'whatsapp' || value === 'baileys' || value === 'web';
}
