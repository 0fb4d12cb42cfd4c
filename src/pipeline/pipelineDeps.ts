import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import type { Logger } from '../observability/createLogger';
import type { Metrics } from '../observability/createMetrics';
import type { Clock } from '../ports/clock';
import type { FactsProvider } from '../ports/factsProvider';
import type { FlowSource } from '../ports/flowSource';
import type { Interpreter } from '../ports/interpreter';

/** What processing an inbox row needs; built once in main.ts and passed in. */
export interface PipelineDeps {
  db: Kysely<DB>;
  flows: FlowSource;
  interpret: Interpreter;
  facts: FactsProvider;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Flow id for a debtor locale; default `collections-<language>` falling back to collections-es. */
  flowIdForLocale?: (locale: string) => string;
  /** Reply to an address no debtor owns; neutral, no debt data. */
  unknownContactReply?: string;
}

export const DEFAULT_UNKNOWN_CONTACT_REPLY =
  'Hola. Este número no está asociado a ninguna cuenta. / Hi. This number is not linked to any account.';
