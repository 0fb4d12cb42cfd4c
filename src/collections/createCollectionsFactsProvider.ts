import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import { createIntlCache } from '../core/collections/intl/createIntlCache';
import type { Facts } from '../core/engine/types';
import type { Clock } from '../ports/clock';
import type { FactsProvider } from '../ports/factsProvider';
import { loadCollectionsFacts, type CollectionsFactsDeps } from './loadCollectionsFacts';

/**
 * The FactsProvider port backed by the collections tables (loadCollectionsFacts at clock.now()). An unknown debtor
 * gives undefined. A debtor with no account, or whose account no policy covers, gets only the debtor section plus
 * `factsError` (its code): greetings, opt-out and handoff keep working, while the collections guards see no valid
 * facts (COLLECTIONS.FACTS_INVALID), so nothing about a debt is said. Does I/O (inside the caller's transaction):
 * one statement for a debtor with an account, a second only on the degraded paths.
 */
export function createCollectionsFactsProvider(deps: CollectionsFactsDeps & { clock: Clock }): FactsProvider {
  // One formatter cache per provider: building an Intl.DateTimeFormat per message was a measurable share of the worker's CPU.
  const withCache = { ...deps, intl: deps.intl ?? createIntlCache() };
  return {
    async loadFacts(trx: Kysely<DB>, debtorId: string): Promise<Facts | undefined> {
      const result = await loadCollectionsFacts(trx, debtorId, deps.clock.now(), withCache);
      if (result.ok) return result.value;
      if (result.error.code === 'FACTS.DEBTOR_NOT_FOUND') return undefined;
      const debtor = await trx.selectFrom('debtors').select(['id', 'externalId', 'firstName', 'locale', 'timezone', 'country']).where('id', '=', debtorId).executeTakeFirst();
      if (!debtor) return undefined;
      return {
        debtor: { id: debtor.id, externalId: debtor.externalId, firstName: debtor.firstName, locale: debtor.locale, timeZone: debtor.timezone, country: debtor.country },
        factsError: result.error.code,
      };
    },
  };
}
