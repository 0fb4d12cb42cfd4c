import type { Kysely } from 'kysely';
import type { ConversationRow, DB } from '../adapters/db/schema';
import type { Effect } from '../core/engine/types';
import type { Logger } from '../observability/createLogger';
import type { Metrics } from '../observability/createMetrics';
import type { Clock } from '../ports/clock';
import type { FactsProvider } from '../ports/factsProvider';
import type { FlowSource } from '../ports/flowSource';
import type { Interpreter } from '../ports/interpreter';

/**
 * Persists one domain effect of a step (promise, plan, approval request, dispute, wrong party, a verification
 * lock's audit) inside the step's transaction; `handled: false` leaves it to the pipeline's audit fallback.
 * main.ts passes applyCollectionsEffect (src/collections). Does I/O.
 */
export type DomainEffectHandler = (
  trx: Kysely<DB>,
  effect: Effect,
  ctx: { conversation: Pick<ConversationRow, 'id' | 'debtorId' | 'channel' | 'address'>; now: Date; messageId?: string | null },
) => Promise<{ handled: boolean }>;

/** What processing an inbox row needs; built once in main.ts and passed in. */
export interface PipelineDeps {
  db: Kysely<DB>;
  flows: FlowSource;
  interpret: Interpreter;
  facts: FactsProvider;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Where domain effects are written; without it they are only audited (EFFECT.<TYPE>). */
  domainEffects?: DomainEffectHandler;
  /** Flow id for a debtor locale; default `collections-<language>` falling back to collections-es. */
  flowIdForLocale?: (locale: string) => string;
  /** Reply to an address no debtor owns; neutral, no debt data. */
  unknownContactReply?: string;
}

export const DEFAULT_UNKNOWN_CONTACT_REPLY =
  'Hola. Este número no está asociado a ninguna cuenta. / Hi. This number is not linked to any account.';
