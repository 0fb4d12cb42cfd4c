import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import type { Logger } from '../observability/createLogger';
import type { Clock } from '../ports/clock';
import { createPollingLoop, type PollingLoop } from '../pipeline/createPollingLoop';
import { dispatchCollectionEvents } from './dispatchCollectionEvents';

/**
 * Polls collection_events and moves new ones into the inbox (dispatchCollectionEvents); `onDispatched` lets
 * main.ts wake the inbox worker, and wake() runs a round now (after a payment or an approval decision). Does I/O.
 */
export function createCollectionEventsPoller(deps: { db: Kysely<DB>; clock: Clock; logger: Logger; intervalMs?: number; onDispatched?: (count: number) => void }): PollingLoop {
  return createPollingLoop(
    async () => {
      const dispatched = await dispatchCollectionEvents(deps.db, { now: deps.clock.now() });
      if (dispatched > 0) deps.onDispatched?.(dispatched);
      return dispatched;
    },
    { intervalMs: deps.intervalMs ?? 1_000, logger: deps.logger, name: 'collection-events' },
  );
}
