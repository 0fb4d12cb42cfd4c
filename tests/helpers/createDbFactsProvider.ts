import type { Kysely } from 'kysely';
import type { DB } from '../../src/adapters/db/schema';
import type { Facts } from '../../src/core/engine/types';
import type { FactsProvider } from '../../src/ports/factsProvider';

/**
 * Test-only FactsProvider for pipeline tests: reads debtors.profile (a demo fixture's facts stored there by
 * createPipelineHarness.addDebtor, no accounts needed) and overlays the debtor's own columns, so that name, locale
 * and time zone always come from the debtor row. Production uses createCollectionsFactsProvider (accounts only).
 * Does I/O.
 */
export function createDbFactsProvider(): FactsProvider {
  return {
    async loadFacts(trx: Kysely<DB>, debtorId: string): Promise<Facts | undefined> {
      const row = await trx
        .selectFrom('debtors')
        .select(['id', 'externalId', 'firstName', 'locale', 'timezone', 'country', 'profile'])
        .where('id', '=', debtorId)
        .executeTakeFirst();
      if (!row) return undefined;
      const profile = row.profile;
      const profileDebtor = isRecord(profile.debtor) ? profile.debtor : {};
      return {
        ...profile,
        debtor: {
          ...profileDebtor,
          id: row.id,
          externalId: row.externalId,
          firstName: row.firstName,
          locale: row.locale,
          timeZone: row.timezone,
          country: row.country,
        },
      };
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
