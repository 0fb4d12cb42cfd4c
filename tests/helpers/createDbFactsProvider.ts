import type { Kysely } from 'kysely';
import type { DB } from '../../src/adapters/db/schema';
import type { Facts } from '../../src/core/engine/types';
import type { FactsProvider } from '../../src/ports/factsProvider';

/**
 * Test-only FactsProvider for pipeline tests: reads debtors.profile (a demo fixture's facts stored there by
 * createPipelineHarness.addDebtor, no accounts needed) and overlays the debtor's own columns, so that name, locale
 * and time zone always come from the debtor row; loadManyFacts reads many debtors in one statement, as the worker's
 * shared transactions expect. Production uses createCollectionsFactsProvider (accounts only). Does I/O.
 */
export function createDbFactsProvider(): FactsProvider {
  const loadManyFacts = async (trx: Kysely<DB>, debtorIds: readonly string[]): Promise<Map<string, Facts>> => {
    const facts = new Map<string, Facts>();
    if (debtorIds.length === 0) return facts;
    const rows = await trx
      .selectFrom('debtors')
      .select(['id', 'externalId', 'firstName', 'locale', 'timezone', 'country', 'profile'])
      .where('id', 'in', [...debtorIds])
      .execute();
    for (const row of rows) {
      const profile = row.profile;
      const profileDebtor = isRecord(profile.debtor) ? profile.debtor : {};
      facts.set(row.id, {
        ...profile,
        debtor: { ...profileDebtor, id: row.id, externalId: row.externalId, firstName: row.firstName, locale: row.locale, timeZone: row.timezone, country: row.country },
      });
    }
    return facts;
  };
  return {
    loadManyFacts,
    loadFacts: async (trx, debtorId) => (await loadManyFacts(trx, [debtorId])).get(debtorId),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
