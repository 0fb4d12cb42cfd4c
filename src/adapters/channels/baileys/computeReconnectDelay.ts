export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. */
  initialMs: number;
  /** Ceiling of the exponential growth, before jitter. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000 };

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential growth capped at maxMs, with "equal jitter"
 * (half fixed, half random) so many processes that lost WhatsApp together do not reconnect in step.
 * `random` returns [0, 1). Pure.
 */
export function computeReconnectDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
