import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import type { Facts } from '../core/engine/types';

/**
 * Loads the read-only domain facts the engine needs for one debtor, inside the caller's transaction
 * (a Kysely Transaction is a Kysely). Returns undefined when the debtor does not exist. Does I/O.
 */
export interface FactsProvider {
  loadFacts(trx: Kysely<DB>, debtorId: string): Promise<Facts | undefined>;
}
