import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import type { Clock } from '../../ports/clock';
import type { RecurringJob } from '../../ports/scheduler';
import { fireDueTimers } from './fireDueTimers';

export interface TimerJobDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** How often the job runs (config TIMER_CHECK_INTERVAL_SECONDS; default 5 seconds). */
  intervalMs?: number;
  /** Called when a batch fired timers: main.ts wakes the inbox worker, which processes them. */
  onFired?: (count: number) => void;
}

/** Timers fired per batch (fireDueTimers' one short transaction). */
const BATCH = 100;

/**
 * The recurring 'timers' job: fires the inactivity timers due at clock.now() into the inbox (fireDueTimers), batch
 * after batch until none is left, extending its lock between batches. `drainOnce` fires one batch (what tests call to
 * step a fake clock). Does I/O.
 */
export function createTimerJob(deps: TimerJobDeps): RecurringJob & { drainOnce(): Promise<number> } {
  const drainOnce = async (): Promise<number> => {
    const fired = await fireDueTimers(deps.db, { now: deps.clock.now(), limit: BATCH });
    if (fired > 0) deps.onFired?.(fired);
    return fired;
  };
  return {
    name: 'timers',
    intervalMs: deps.intervalMs ?? 5_000,
    async run(touch) {
      // A full batch may have left more due timers behind it; a partial one means none were left.
      while ((await drainOnce()) === BATCH) await touch();
    },
    drainOnce,
  };
}
