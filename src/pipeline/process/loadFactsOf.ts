import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import type { Facts } from '../../core/engine/types';
import type { FactsProvider } from '../../ports/factsProvider';

/**
 * Facts of the given debtors (nulls and repeats ignored), keyed by debtor id; a debtor that does not exist is
 * absent. One statement when the provider can read many at once (loadManyFacts), else one per debtor. Does I/O.
 */
export async function loadFactsOf(db: Kysely<DB>, provider: FactsProvider, debtorIds: ReadonlyArray<string | null>): Promise<Map<string, Facts>> {
  const ids = [...new Set(debtorIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  if (provider.loadManyFacts) return provider.loadManyFacts(db, ids);
  const facts = new Map<string, Facts>();
  for (const id of ids) {
    const found = await provider.loadFacts(db, id);
    if (found) facts.set(id, found);
  }
  return facts;
}
