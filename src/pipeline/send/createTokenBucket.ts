import type { Clock } from '../../ports/clock';

export interface TokenBucket {
  /** Takes one token if available now; false when the rate is used up. */
  tryTake(): boolean;
  available(): number;
}

/**
 * A token bucket refilled continuously at ratePerSecond with a burst of `capacity` (default one second's worth).
 * Time comes from the Clock, so tests move it by hand. No I/O.
 */
export function createTokenBucket(opts: { ratePerSecond: number; clock: Clock; capacity?: number }): TokenBucket {
  const capacity = opts.capacity ?? Math.max(1, opts.ratePerSecond);
  let tokens = capacity;
  let last = opts.clock.now().getTime();
  const refill = () => {
    const now = opts.clock.now().getTime();
    if (now > last) tokens = Math.min(capacity, tokens + ((now - last) / 1000) * opts.ratePerSecond);
    last = Math.max(last, now);
  };
  return {
    tryTake() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    available() {
      refill();
      return Math.floor(tokens);
    },
  };
}
