import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import type { Logger } from '../../observability/createLogger';
import type { Clock } from '../../ports/clock';
import { createPollingLoop } from '../createPollingLoop';
import { fireDueTimers } from './fireDueTimers';

/**
 * Polls scheduled_timers and fires the due ones into the inbox (until Agenda takes over scheduling). `onFired`
 * lets main.ts wake the inbox worker. Does I/O.
 */
export function createTimerPoller(deps: { db: Kysely<DB>; clock: Clock; logger: Logger; intervalMs?: number; onFired?: (count: number) => void }) {
  const drainOnce = async (): Promise<number> => {
    const fired = await fireDueTimers(deps.db, { now: deps.clock.now() });
    if (fired > 0) deps.onFired?.(fired);
    return fired;
  };
  const loop = createPollingLoop(drainOnce, { intervalMs: deps.intervalMs ?? 1_000, logger: deps.logger, name: 'timers' });
  return { start: loop.start, stop: loop.stop, drainOnce };
}
