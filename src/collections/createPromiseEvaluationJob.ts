import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import type { PolicySet } from '../core/collections/policy/resolvePolicy';
import type { Logger } from '../observability/createLogger';
import type { Clock } from '../ports/clock';
import type { RecurringJob } from '../ports/scheduler';
import { evaluateDuePromises } from './evaluateDuePromises';

export interface PromiseEvaluationJobDeps {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  policies: PolicySet;
  /** How often the job runs (config PROMISE_CHECK_INTERVAL_SECONDS; default 5 minutes). */
  intervalMs?: number;
}

/**
 * The recurring 'promise-evaluation' job: settles due promises with evaluateDuePromises at clock.now() (kept,
 * partially kept, broken after the policy's grace days), logging the counts when anything changed. Safe in several
 * processes (rows are claimed with SKIP LOCKED). `runOnce` is one evaluation, for tests on a fake clock. Does I/O.
 */
export function createPromiseEvaluationJob(deps: PromiseEvaluationJobDeps): RecurringJob & { runOnce(): Promise<void> } {
  const runOnce = async (): Promise<void> => {
    const counts = await evaluateDuePromises(deps.db, deps.clock.now(), { policies: deps.policies });
    if (counts.kept + counts.partiallyKept + counts.broken + counts.unresolved > 0) {
      deps.logger.info({ code: 'PROMISES.EVALUATED', ...counts }, 'due promises evaluated');
    }
  };
  return { name: 'promise-evaluation', intervalMs: deps.intervalMs ?? 5 * 60_000, run: runOnce, runOnce };
}
