import type { SendFailure, SendFailureKind } from '../../ports/channel';

/** How the outbox retries a failed send: within `budgetMs` of the first provider call, waits per kind of failure. */
export interface RetryPolicy {
  /** Time from the first provider call after which a retryable failure becomes final (OUTBOX_RETRY_BUDGET_SECONDS). */
  budgetMs: number;
  /** First wait per kind of failure; it doubles per attempt up to maxWaitMs. */
  baseMs: Record<Exclude<SendFailureKind, 'permanent'>, number>;
  maxWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  budgetMs: 15 * 60_000,
  // A timeout waits longest: the provider may still be writing down a message it accepted, and the next attempt
  // first asks it what it accepted.
  baseMs: { rate_limited: 1_000, unavailable: 2_000, timeout: 5_000 },
  maxWaitMs: 60_000,
};

export type RetryDecision = { retry: true; at: Date } | { retry: false; reason: 'PERMANENT' | 'RETRY_BUDGET_EXHAUSTED' };

/**
 * Decides what follows a failed attempt (1-based `attempt`): a permanent failure is final; a 429 waits what the
 * provider's Retry-After says; other failures back off exponentially per kind, with jitter (`random` in [0, 1)) so rows
 * that failed together do not come back together. Nothing is retried past firstAttemptAt + budget: a wait the provider
 * demands beyond it is final now; any other wait is cut to end at the deadline, for one last try. Pure.
 */
export function decideRetry(failure: SendFailure, ctx: { attempt: number; firstAttemptAt: Date; now: Date; policy: RetryPolicy; random: () => number }): RetryDecision {
  const kind: SendFailureKind = failure.kind ?? (failure.retryable ? 'unavailable' : 'permanent');
  if (kind === 'permanent' || !failure.retryable) return { retry: false, reason: 'PERMANENT' };
  const now = ctx.now.getTime();
  const deadline = ctx.firstAttemptAt.getTime() + ctx.policy.budgetMs;
  if (now >= deadline) return { retry: false, reason: 'RETRY_BUDGET_EXHAUSTED' };
  if (kind === 'rate_limited' && failure.retryAfterMs !== undefined) {
    const at = now + Math.max(failure.retryAfterMs, 100);
    return at > deadline ? { retry: false, reason: 'RETRY_BUDGET_EXHAUSTED' } : { retry: true, at: new Date(at) };
  }
  const exponential = Math.min(ctx.policy.maxWaitMs, ctx.policy.baseMs[kind] * 2 ** Math.max(0, ctx.attempt - 1));
  const wait = exponential / 2 + (exponential / 2) * ctx.random();
  return { retry: true, at: new Date(Math.min(deadline, now + wait)) };
}
