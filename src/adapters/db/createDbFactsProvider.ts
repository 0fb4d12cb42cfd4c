import type { Kysely } from 'kysely';
import type { Facts } from '../../core/engine/types';
import type { FactsProvider } from '../../ports/factsProvider';
import type { DB } from './schema';

/**
 * FactsProvider reading debtors.profile (demo/test facts until the collections issue adds accounts) and
 * overlaying the debtor's own columns, so that name, locale and time zone always come from the debtor row.
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
