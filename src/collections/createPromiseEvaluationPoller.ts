import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import type { PolicySet } from '../core/collections/policy/resolvePolicy';
import type { Logger } from '../observability/createLogger';
import type { Clock } from '../ports/clock';
import { createPollingLoop, type PollingLoop } from '../pipeline/createPollingLoop';
import { evaluateDuePromises } from './evaluateDuePromises';

export interface PromiseEvaluationPollerDeps {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  policies: PolicySet;
  /** Time between checks (config PROMISE_CHECK_INTERVAL_SECONDS; default 5 minutes). */
  intervalMs?: number;
}

/**
 * Settles due promises every `intervalMs` with evaluateDuePromises at clock.now() (kept, partially kept, broken
 * after the policy's grace days), logging the counts when anything changed. A stand-in until the scheduler issue
 * brings Agenda; safe to run in several processes (rows are claimed with SKIP LOCKED). Does I/O.
 */
export function createPromiseEvaluationPoller(deps: PromiseEvaluationPollerDeps): PollingLoop & { runOnce(): Promise<void> } {
  const runOnce = async (): Promise<void> => {
    const counts = await evaluateDuePromises(deps.db, deps.clock.now(), { policies: deps.policies });
    if (counts.kept + counts.partiallyKept + counts.broken + counts.unresolved > 0) {
      deps.logger.info({ code: 'PROMISES.EVALUATED', ...counts }, 'due promises evaluated');
    }
  };
  // Always wait a full interval: a round that settled promises leaves nothing for an immediate second one.
  const loop = createPollingLoop(async () => {
    await runOnce();
    return 0;
  }, { intervalMs: deps.intervalMs ?? 5 * 60_000, logger: deps.logger, name: 'promises' });
  return { ...loop, runOnce };
}
