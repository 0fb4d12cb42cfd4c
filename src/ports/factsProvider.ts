import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import type { Facts } from '../core/engine/types';

/**
 * Loads the read-only domain facts the engine needs, inside the caller's transaction (a Kysely Transaction is a
 * Kysely). Does I/O.
 */
export interface FactsProvider {
  /** The facts of one debtor; undefined when the debtor does not exist. */
  loadFacts(trx: Kysely<DB>, debtorId: string): Promise<Facts | undefined>;
  /**
   * Optional: the facts of several debtors in ONE statement, keyed by debtor id (as stored: lowercase); a debtor that
   * does not exist is absent from the map. Each entry is what loadFacts gives for that debtor alone. Providers
   * without it are asked debtor by debtor.
   */
  loadManyFacts?(trx: Kysely<DB>, debtorIds: readonly string[]): Promise<Map<string, Facts>>;
}
