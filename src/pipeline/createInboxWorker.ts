import { claimInboxRows } from './claimInboxRows';
import { createPollingLoop } from './createPollingLoop';
import type { PipelineDeps } from './pipelineDeps';
import { processInboxRow } from './processInboxRow';
import { releaseFailedInboxRow } from './releaseFailedInboxRow';

export interface InboxWorkerOptions {
  /** Rows processed in parallel (different conversations); PGlite serialises them anyway. Default 4. */
  concurrency?: number;
  /** How long a claim holds a row before another worker may take it over. Default 60 s. */
  leaseMs?: number;
  pollIntervalMs?: number;
  maxAttempts?: number;
  retryBackoffMs?: number;
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
 * The inbox worker: claims rows (oldest per address first, leased), processes each in one transaction under its
 * conversation lock, and retries or fails rows whose processing threw. Safe to run in many processes. Does I/O.
 */
export function createInboxWorker(deps: PipelineDeps & InboxWorkerOptions): InboxWorker {
  const concurrency = deps.concurrency ?? 4;
  const leaseMs = deps.leaseMs ?? 60_000;
  const maxAttempts = deps.maxAttempts ?? 5;
  const retryBackoffMs = deps.retryBackoffMs ?? 1_000;

  const processClaimed = async (row: Parameters<typeof processInboxRow>[1]): Promise<number> => {
    const end = deps.metrics.messageProcessingSeconds.startTimer();
    try {
      const outcome = await processInboxRow(deps, row);
      end({ outcome });
      if (outcome === 'processed' && row.kind === 'message') deps.metrics.messagesIn.inc({ channel: row.channel });
      return outcome === 'processed' ? 1 : 0;
    } catch (err) {
      end({ outcome: 'error' });
      const result = await releaseFailedInboxRow(deps.db, row, { now: deps.clock.now(), maxAttempts, backoffMs: retryBackoffMs, errorCode: 'PIPELINE.PROCESSING_FAILED' });
      deps.logger.error({ code: 'PIPELINE.PROCESSING_FAILED', inboxId: row.id, attempts: row.attempts, result, err: err instanceof Error ? err.message : String(err) }, 'inbox row failed');
      return 0;
    }
  };

  const drainOnce = async (): Promise<number> => {
    let processed = 0;
    for (;;) {
      const rows = await claimInboxRows(deps.db, { now: deps.clock.now(), leaseMs, limit: concurrency });
      if (rows.length === 0) return processed;
      const counts = await Promise.all(rows.map(processClaimed));
      processed += counts.reduce((a, b) => a + b, 0);
    }
  };

  const loop = createPollingLoop(drainOnce, { intervalMs: deps.pollIntervalMs ?? 250, logger: deps.logger, name: 'inbox' });
  return { start: loop.start, stop: loop.stop, wake: loop.wake, drainOnce };
}
