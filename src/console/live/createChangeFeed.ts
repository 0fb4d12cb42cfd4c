import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Request, Response } from 'express';
import type { DB } from '../../adapters/db/schema';
import type { Logger } from '../../observability/createLogger';

/** What the console's pages are told when something changed: people waiting, pending approvals, a change stamp. */
export interface ChangeSnapshot {
  waiting: number;
  approvals: number;
  version: string;
}

export interface ChangeFeed {
  /** Serves GET /events: a Server-Sent Events stream of `change` events (the current snapshot first). */
  serve(req: Request, res: Response): void;
  /** Looks for changes now (after this process changed something) instead of at the next interval. */
  poke(): void;
  stop(): void;
}

/**
 * One poll per process, only while someone is watching: every `intervalMs` it reads how many conversations wait
 * for a person, pending approvals, unsent outbox rows, the latest conversation change and the latest failed delivery
 * (five index lookups), and pushes a `change` event to every open stream when that differs. Polling the database (not process memory) makes every web process
 * see what any worker wrote, on PostgreSQL and on embedded PGlite alike. Does I/O.
 */
export function createChangeFeed(db: Kysely<DB>, logger: Logger, intervalMs: number): ChangeFeed {
  const streams = new Set<Response>();
  let last: ChangeSnapshot | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;

  const read = async (): Promise<ChangeSnapshot> => {
    // Messages going out change no conversation row: the count of unsent outbox rows tells when one left.
    // A status callback that reports a failure changes neither: the latest failed delivery does (migration 0961).
    const result = await sql<{ waiting: string; approvals: string; unsent: string; version: string | null; failed: string | null }>`
      SELECT (SELECT count(*) FROM conversations WHERE handoff AND taken_by IS NULL AND status = 'active') AS waiting,
             (SELECT count(*) FROM approval_requests WHERE status = 'pending') AS approvals,
             (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')) AS unsent,
             (SELECT max(updated_at)::text FROM conversations) AS version,
             (SELECT max(updated_at)::text FROM outbox WHERE status = 'failed') AS failed`.execute(db);
    const row = result.rows[0];
    return { waiting: Number(row?.waiting ?? 0), approvals: Number(row?.approvals ?? 0), version: `${row?.version ?? ''}/${row?.waiting ?? 0}/${row?.approvals ?? 0}/${row?.unsent ?? 0}/${row?.failed ?? ''}` };
  };
  const send = (res: Response, snapshot: ChangeSnapshot) => res.write(`event: change\ndata: ${JSON.stringify(snapshot)}\n\n`);
  const poll = async () => {
    if (polling || streams.size === 0) return;
    polling = true;
    try {
      const now = await read();
      if (!last || now.version !== last.version) for (const res of streams) send(res, now);
      last = now;
    } catch (error) {
      logger.warn({ code: 'CONSOLE.FEED_FAILED', err: error instanceof Error ? error.message : String(error) }, 'console change feed poll failed');
    } finally {
      polling = false;
    }
  };
  const ensureTimer = () => {
    if (timer || streams.size === 0) return;
    timer = setInterval(() => void poll(), intervalMs);
  };
  return {
    serve(req, res) {
      res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      res.flushHeaders();
      res.write('retry: 3000\n\n');
      streams.add(res);
      read().then((now) => send(res, now), () => undefined);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      ensureTimer();
      req.on('close', () => {
        clearInterval(heartbeat);
        streams.delete(res);
        if (streams.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      });
    },
    poke() {
      void poll();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
