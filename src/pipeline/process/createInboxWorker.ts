import type { InboxRow } from '../../adapters/db/schema';
import { claimInboxRows } from './claimInboxRows';
import { createPollingLoop } from '../createPollingLoop';
import { createSnapshotCache } from './createSnapshotCache';
import { groupByConversation } from './groupByConversation';
import type { PipelineDeps } from '../pipelineDeps';
import { processConversationBatches } from './processConversationBatches';
import type { BatchOutcome } from './processConversationBatches';
import { processInboxRow } from './processInboxRow';
import { releaseFailedInboxRow } from './releaseFailedInboxRow';
import { releaseInboxRows } from './releaseInboxRows';
import { runWithConcurrency } from '../runWithConcurrency';

/** Fewest conversations a shared transaction takes when a claim has that many (see drainOnce). */
const MIN_SHARED_TRANSACTION = 16;

export interface InboxWorkerOptions {
  /** Transactions in flight at once; PGlite serialises them anyway. Default 4. */
  concurrency?: number;
  /** Rows claimed per round (one statement), spread over their conversations. Default 32 × concurrency. */
  batchSize?: number;
  /** Most conversations written by one transaction. Default 64. */
  conversationsPerTransaction?: number;
  /** After a claim smaller than batchSize, how long to wait before claiming again (messages gather). Default 20 ms. */
  gatherMs?: number;
  /** How long a claim holds a row before another worker may take it over. Default 60 s. */
  leaseMs?: number;
  /** This process's claim owner id (claim_owners), recorded on each claim so a restart can take dead claims over. */
  owner?: () => string | undefined;
  pollIntervalMs?: number;
  maxAttempts?: number;
  retryBackoffMs?: number;
  /** Conversations whose last committed state the worker remembers to interpret without a read first. Default 20 000. */
  snapshotCacheSize?: number;
}

export interface InboxWorker {
  start(): void;
  stop(): Promise<void>;
  /** Processes claimable rows until none is left; returns how many were processed. */
  drainOnce(): Promise<number>;
  /** Polls now (e.g. right after enqueueInbound) instead of waiting for the interval. */
  wake(): void;
}

/**
 * The inbox worker: claims a batch of rows in one statement and groups them by conversation. Conversations whose
 * next row is a message are processed together, up to `conversationsPerTransaction` per transaction
 * (processConversationBatches: a handful of statements for all of them), several transactions in parallel;
 * timers and system events one row per transaction. A transaction that throws is retried conversation by
 * conversation, and a conversation's batch that throws row by row, so only the failing row is retried with
 * backoff or failed. Safe to run in many processes. Does I/O.
 */
export function createInboxWorker(deps: PipelineDeps & InboxWorkerOptions): InboxWorker {
  const concurrency = deps.concurrency ?? 4;
  const batchSize = deps.batchSize ?? concurrency * 32;
  const leaseMs = deps.leaseMs ?? 60_000;
  const conversationsPerTransaction = deps.conversationsPerTransaction ?? 64;
  const gatherMs = deps.gatherMs ?? 20;
  const snapshots = createSnapshotCache(deps.snapshotCacheSize ?? 20_000);
  const failure = { maxAttempts: deps.maxAttempts ?? 5, backoffMs: deps.retryBackoffMs ?? 1_000, errorCode: 'PIPELINE.PROCESSING_FAILED' };

  const processGroup = async (group: readonly InboxRow[]): Promise<number> => {
    let pending = group;
    let processed = 0;
    let isolate = false;
    while (pending.length > 0) {
      const head = pending[0];
      if (!head) break;
      const batch = head.kind !== 'message' || isolate ? [head] : pending;
      const end = deps.metrics.messageProcessingSeconds.startTimer();
      try {
        const done = await processBatch(batch);
        end({ outcome: done.processed > 0 ? 'processed' : 'skipped' });
        processed += done.processed;
        pending = [...done.remaining, ...pending.slice(batch.length)];
      } catch (err) {
        end({ outcome: 'error' });
        snapshots.delete(head.channel, head.fromAddress);
        if (batch.length > 1) {
          isolate = true; // find the failing row: the rows before it still commit, in order
          continue;
        }
        const result = await releaseFailedInboxRow(deps.db, head, { ...failure, now: deps.clock.now() });
        await releaseInboxRows(deps.db, pending.slice(1).map((r) => r.id));
        deps.logger.error({ code: failure.errorCode, inboxId: head.id, attempts: head.attempts, result, err: err instanceof Error ? err.message : String(err) }, 'inbox row failed');
        break;
      }
    }
    return processed;
  };

  const countIn = (outcome: BatchOutcome) => {
    const head = outcome.processed[0];
    if (head) deps.metrics.messagesIn.inc({ channel: head.channel }, outcome.processed.length);
    return outcome.processed.length;
  };

  const processBatch = async (batch: readonly InboxRow[]): Promise<{ processed: number; remaining: readonly InboxRow[] }> => {
    const head = batch[0];
    // Timers and system events are processed one at a time; messages of an address in batches.
    if (head && head.kind !== 'message') {
      snapshots.delete(head.channel, head.fromAddress); // a timer or event changes the conversation behind the cache
      return { processed: (await processInboxRow(deps, head)) === 'processed' ? 1 : 0, remaining: [] };
    }
    const [outcome] = await processConversationBatches(deps, [batch], snapshots);
    return outcome ? { processed: countIn(outcome), remaining: outcome.remaining } : { processed: 0, remaining: [] };
  };

  /** Message-led conversations in one transaction; on failure each alone (processGroup). Then what each left over. */
  const processTogether = async (groups: ReadonlyArray<readonly InboxRow[]>): Promise<number> => {
    const end = deps.metrics.messageProcessingSeconds.startTimer();
    let outcomes: BatchOutcome[];
    try {
      outcomes = await processConversationBatches(deps, groups, snapshots);
    } catch (err) {
      end({ outcome: 'error' });
      deps.logger.warn({ code: 'PIPELINE.BATCH_RETRIED_ALONE', conversations: groups.length, err: err instanceof Error ? err.message : String(err) }, 'batch failed; retrying conversation by conversation');
      let processed = 0;
      for (const group of groups) {
        const head = group[0];
        if (head) snapshots.delete(head.channel, head.fromAddress);
        processed += await processGroup(group);
      }
      return processed;
    }
    let processed = 0;
    for (const outcome of outcomes) processed += countIn(outcome);
    end({ outcome: processed > 0 ? 'processed' : 'skipped' });
    for (const outcome of outcomes) {
      if (outcome.remaining.length > 0) processed += await processGroup(outcome.remaining);
    }
    return processed;
  };

  const drainOnce = async (): Promise<number> => {
    let processed = 0;
    for (;;) {
      const rows = await claimInboxRows(deps.db, { now: deps.clock.now(), leaseMs, limit: batchSize, owner: deps.owner?.() });
      if (rows.length === 0) return processed;
      const groups = groupByConversation(rows);
      const led = groups.filter((g) => g[0]?.kind === 'message');
      // Spread over the lanes, but never below MIN_SHARED_TRANSACTION conversations a transaction while there are
      // that many: many small transactions cost more statements than the parallelism wins back.
      const perTransaction = Math.min(conversationsPerTransaction, Math.max(MIN_SHARED_TRANSACTION, Math.ceil(led.length / concurrency)));
      const work = [
        ...chunk(led, perTransaction).map((together) => () => processTogether(together)),
        ...groups.filter((g) => g[0]?.kind !== 'message').map((group) => () => processGroup(group)),
      ];
      const counts = await runWithConcurrency(work, concurrency, (run) => run());
      processed += counts.reduce((a, b) => a + b, 0);
      // A short claim means the backlog is gone: let the next messages gather into bigger transactions. The wait
      // comes after the work, so a quiet worker answers at once and only its next claim waits.
      if (rows.length < batchSize && gatherMs > 0) await new Promise((resolve) => setTimeout(resolve, gatherMs));
    }
  };

  const loop = createPollingLoop(drainOnce, { intervalMs: deps.pollIntervalMs ?? 250, logger: deps.logger, name: 'inbox' });
  return { start: loop.start, stop: loop.stop, wake: loop.wake, drainOnce };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
