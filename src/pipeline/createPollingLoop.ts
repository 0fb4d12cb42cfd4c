import type { Logger } from '../observability/createLogger';

export interface PollingLoop {
  start(): void;
  stop(): Promise<void>;
  /** Runs the next round now instead of after the interval. */
  wake(): void;
}

/**
 * Runs `round` repeatedly: again at once while it reports work done, else after intervalMs. One round at a time;
 * stop() waits for the current round. Errors are logged and the loop keeps going. Uses timers (I/O-free itself).
 */
export function createPollingLoop(round: () => Promise<number>, opts: { intervalMs: number; logger: Logger; name: string }): PollingLoop {
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  const schedule = (delay: number) => {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
  };
  const tick = () => {
    if (current) return;
    current = round()
      .then(
        (done) => schedule(done > 0 ? 0 : opts.intervalMs),
        (err: unknown) => {
          opts.logger.error({ code: 'LOOP.ROUND_FAILED', loop: opts.name, err: err instanceof Error ? err.message : String(err) }, 'loop round failed');
          schedule(opts.intervalMs);
        },
      )
      .finally(() => {
        current = undefined;
      });
  };
  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
    wake() {
      if (running && !current) schedule(0);
    },
  };
}
