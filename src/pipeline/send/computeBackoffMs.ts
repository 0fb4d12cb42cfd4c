/** Exponential backoff for the n-th failed attempt (1-based): base * 2^(n-1), capped at maxMs. Pure. */
export function computeBackoffMs(attempt: number, opts: { baseMs: number; maxMs: number }): number {
  return Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
}
