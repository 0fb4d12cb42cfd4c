import type { Kysely } from 'kysely';
import type { DB, OutboxRow } from '../../adapters/db/schema';
import type { Rewriter } from '../../adapters/llm/types';
import type { Logger } from '../../observability/createLogger';
import type { Metrics } from '../../observability/createMetrics';
import type { Channel, ChannelKind, SendResult } from '../../ports/channel';
import type { Clock } from '../../ports/clock';
import type { ComplianceChecker } from '../../adapters/compliance/createComplianceChecker';
import { claimOutboxRow } from './claimOutboxRow';
import { computeBackoffMs } from './computeBackoffMs';
import { createPollingLoop } from '../createPollingLoop';
import { createTokenBucket } from './createTokenBucket';
import { gateOutboxRow } from './gateOutboxRow';
import type { TokenBucket } from './createTokenBucket';
import { isOptedOut } from '../process/isOptedOut';
import { recordSendOutcome } from './recordSendOutcome';
import type { SendOutcome } from './recordSendOutcome';
import { rewordOutboxRow } from './rewordOutboxRow';

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
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A claim older than this is considered abandoned (crashed sender) and is sent again. Default 60 s. */
  leaseMs?: number;
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
 * The outbox sender: delivers pending rows through the channel adapters, in order per conversation, within a
 * per-channel rate, through the compliance gate (held rows wait, skipped rows are dropped with the reason), retrying
 * retryable failures with exponential backoff up to maxAttempts, and resuming rows left 'sending' by a crashed process. With a rewriter,
 * templated rows may go out reworded (see rewordOutboxRow). Does I/O.
 */
export function createOutboxSender(deps: OutboxSenderDeps) {
  const maxAttempts = deps.maxAttempts ?? 5;
  const backoff = { baseMs: deps.backoffBaseMs ?? 2_000, maxMs: deps.backoffMaxMs ?? 5 * 60_000 };
  const leaseMs = deps.leaseMs ?? 60_000;
  const buckets = new Map<ChannelKind, TokenBucket>();
  for (const kind of Object.keys(deps.channels).filter(isChannelKind)) {
    const rate = typeof deps.ratePerSecond === 'number' ? deps.ratePerSecond : (deps.ratePerSecond[kind] ?? 20);
    buckets.set(kind, createTokenBucket({ ratePerSecond: rate, clock: deps.clock }));
  }

  const sendRow = async (row: OutboxRow, channel: Channel): Promise<SendOutcome> => {
    if (!row.allowAfterOptOut && (await isOptedOut(deps.db, row))) return { status: 'dropped', errorCode: 'COMPLIANCE.OPTED_OUT' };
    const gate = await gateOutboxRow(deps, row, deps.clock.now());
    if (!gate.pass) return gate.outcome;
    const body = deps.rewriter ? await rewordOutboxRow({ ...deps, rewriter: deps.rewriter }, row) : row.body;
    buckets.get(row.channel)?.tryTake();
    let result: SendResult;
    try {
      result = await channel.send({ outboxId: row.id, channel: row.channel, to: row.toAddress, ...gate.finish(body) });
    } catch (err) {
      deps.logger.warn({ code: 'CHANNEL.EXCEPTION', outboxId: row.id, err: err instanceof Error ? err.message : String(err) }, 'channel threw');
      result = { ok: false, error: { code: 'CHANNEL.EXCEPTION', message: 'channel adapter threw', retryable: true } };
    }
    if (result.ok) {
      const delivered = result.status === 'delivered' || result.status === 'read';
      return { status: delivered ? 'delivered' : 'sent', providerMessageId: result.providerId, providerStatus: result.status };
    }
    if (result.error.retryable && row.attempts < maxAttempts) {
      const nextAttemptAt = new Date(deps.clock.now().getTime() + computeBackoffMs(row.attempts, backoff));
      return { status: 'pending', errorCode: result.error.code, nextAttemptAt };
    }
    return { status: 'failed', errorCode: result.error.code };
  };

  const drainOnce = async (): Promise<number> => {
    let handled = 0;
    for (;;) {
      const ready = [...buckets.entries()].filter(([, bucket]) => bucket.available() >= 1).map(([kind]) => kind);
      const row = await claimOutboxRow(deps.db, { now: deps.clock.now(), leaseMs, channels: ready });
      if (!row) break;
      const channel = deps.channels[row.channel];
      if (!channel) throw new Error(`claimed a row for unconfigured channel ${row.channel}`);
      const outcome = await sendRow(row, channel);
      const current = await recordSendOutcome(deps.db, row, outcome, deps.clock.now());
      deps.metrics.messagesOut.inc({ channel: row.channel, status: outcome.status });
      deps.logger.info({ code: 'OUTBOX.' + outcome.status.toUpperCase(), outboxId: row.id, attempts: row.attempts, errorCode: outcome.errorCode, stale: !current }, 'outbox row handled');
      handled += 1;
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
