import type { InboxRow } from '../adapters/db/schema';
import { claimInboxRows } from './claimInboxRows';
import { createPollingLoop } from './createPollingLoop';
import { createSnapshotCache } from './createSnapshotCache';
import { groupByConversation } from './groupByConversation';
import type { PipelineDeps } from './pipelineDeps';
import { processConversationBatch } from './processConversationBatch';
import { processInboxRow } from './processInboxRow';
import { releaseFailedInboxRow } from './releaseFailedInboxRow';
import { releaseInboxRows } from './releaseInboxRows';
import { runWithConcurrency } from './runWithConcurrency';

export interface InboxWorkerOptions {
  /** Conversations processed in parallel, each in its own transaction; PGlite serialises them anyway. Default 4. */
  concurrency?: number;
  /** Rows claimed per round (one statement), spread over their conversations. Default 32 × concurrency. */
  batchSize?: number;
  /** How long a claim holds a row before another worker may take it over. Default 60 s. */
  leaseMs?: number;
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
 * The inbox worker: claims a batch of rows in one statement, groups them by conversation, and processes each
 * conversation's rows in order in one transaction under its advisory lock (conversations in parallel). A batch
 * that throws is retried row by row, so only the failing row is retried with backoff or failed. Safe to run in
 * many processes. Does I/O.
 */
export function createInboxWorker(deps: PipelineDeps & InboxWorkerOptions): InboxWorker {
  const concurrency = deps.concurrency ?? 4;
  const batchSize = deps.batchSize ?? concurrency * 32;
  const leaseMs = deps.leaseMs ?? 60_000;
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

  const processBatch = async (batch: readonly InboxRow[]): Promise<{ processed: number; remaining: readonly InboxRow[] }> => {
    const head = batch[0];
    // Timers and system events are processed one at a time; messages of an address in batches.
    if (head && head.kind !== 'message') {
      snapshots.delete(head.channel, head.fromAddress); // a timer or event changes the conversation behind the cache
      return { processed: (await processInboxRow(deps, head)) === 'processed' ? 1 : 0, remaining: [] };
    }
    const outcome = await processConversationBatch(deps, batch, snapshots);
    if (head && outcome.processed.length > 0) deps.metrics.messagesIn.inc({ channel: head.channel }, outcome.processed.length);
    return { processed: outcome.processed.length, remaining: outcome.remaining };
  };

  const drainOnce = async (): Promise<number> => {
    let processed = 0;
    for (;;) {
      const rows = await claimInboxRows(deps.db, { now: deps.clock.now(), leaseMs, limit: batchSize });
      if (rows.length === 0) return processed;
      const counts = await runWithConcurrency(groupByConversation(rows), concurrency, processGroup);
      processed += counts.reduce((a, b) => a + b, 0);
    }
  };

  const loop = createPollingLoop(drainOnce, { intervalMs: deps.pollIntervalMs ?? 250, logger: deps.logger, name: 'inbox' });
  return { start: loop.start, stop: loop.stop, wake: loop.wake, drainOnce };
}
