import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { PortfolioDebtor } from '../../../core/portfolio/portfolioRow';
import type { DB } from '../schema';

export interface BatchCounts {
  created: number;
  updated: number;
}

/**
 * Inserts or updates a batch of debtors by external_id in one statement (unnest of column arrays, so the batch
 * size is not bound by the parameter limit). A row whose columns are unchanged is not touched; an empty region keeps
 * the one an earlier file gave (a file without the optional column says nothing about it). Returns the
 * counts, the ids created and updated, and the id of every debtor in the batch. Does I/O; call it inside the import transaction.
 */
export async function upsertDebtorsBatch(trx: Kysely<DB>, debtors: readonly PortfolioDebtor[], now: Date): Promise<BatchCounts & { ids: Map<string, string>; createdIds: Set<string>; updatedIds: Set<string> }> {
  const externalIds = debtors.map((d) => d.externalId);
  const profiles = debtors.map((d) => JSON.stringify(d.email ? { email: d.email } : {}));
  const written = await sql<{ id: string; inserted: boolean }>`
    INSERT INTO debtors (external_id, first_name, last_name, locale, timezone, country, profile, region)
    SELECT * FROM unnest(
      ${externalIds}::text[], ${debtors.map((d) => d.firstName)}::text[], ${debtors.map((d) => d.lastName)}::text[],
      ${debtors.map((d) => d.locale)}::text[], ${debtors.map((d) => d.timeZone)}::text[], ${debtors.map((d) => d.country)}::text[],
      ${profiles}::jsonb[], ${debtors.map((d) => d.region)}::text[])
    ON CONFLICT (external_id) DO UPDATE SET
      first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, locale = EXCLUDED.locale,
      timezone = EXCLUDED.timezone, country = EXCLUDED.country, profile = debtors.profile || EXCLUDED.profile,
      region = coalesce(EXCLUDED.region, debtors.region),
      updated_at = ${now}
    WHERE (debtors.first_name, debtors.last_name, debtors.locale, debtors.timezone, debtors.country, debtors.region)
            IS DISTINCT FROM (EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.locale, EXCLUDED.timezone, EXCLUDED.country, coalesce(EXCLUDED.region, debtors.region))
       OR NOT debtors.profile @> EXCLUDED.profile
    RETURNING id, (xmax = 0) AS inserted`.execute(trx);
  const rows = await trx.selectFrom('debtors').select(['id', 'externalId']).where('externalId', '=', sql<string>`ANY(${externalIds}::text[])`).execute();
  const createdIds = new Set(written.rows.filter((r) => r.inserted).map((r) => r.id));
  const updatedIds = new Set(written.rows.filter((r) => !r.inserted).map((r) => r.id));
  return { created: createdIds.size, updated: updatedIds.size, createdIds, updatedIds, ids: new Map(rows.map((r) => [r.externalId, r.id])) };
}
