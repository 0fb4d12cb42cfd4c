import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import type { Logger } from '../../observability/createLogger';

/** The PostgreSQL channel web processes NOTIFY and worker processes LISTEN on when inbox work arrives. */
export const WORK_CHANNEL = 'pacto_work';

export interface WorkNotifier {
  /** Tells worker processes that work is waiting; calls made while one NOTIFY is in flight share the next one. */
  notify(): void;
  /** Waits for a NOTIFY in flight. */
  flush(): Promise<void>;
}

/**
 * Wakes worker processes from a web process (PROCESS_ROLE=web): NOTIFY pacto_work after inbound is stored, at most
 * one statement in flight, so a burst of webhooks costs a few NOTIFYs, not one each. A lost notification only
 * delays work until the workers' next poll. Does I/O.
 */
export function createWorkNotifier(db: Kysely<DB>, logger: Logger): WorkNotifier {
  let inFlight: Promise<void> | undefined;
  let again = false;
  const send = (): Promise<void> =>
    sql`SELECT pg_notify(${WORK_CHANNEL}, '')`
      .execute(db)
      .then(
        () => undefined,
        (err: unknown) => logger.warn({ code: 'PIPELINE.NOTIFY_FAILED', err: err instanceof Error ? err.message : String(err) }, 'could not notify workers'),
      )
      .then(() => {
        if (!again) {
          inFlight = undefined;
          return;
        }
        again = false;
        return send();
      });
  return {
    notify() {
      if (inFlight) again = true;
      else inFlight = send();
    },
    flush: async () => inFlight,
  };
}
