import type { Kysely } from 'kysely';
import { readDebtorFactsRows } from '../adapters/db/collections/readDebtorFactsRows';
import type { DB } from '../adapters/db/schema';
import type { CollectionsFacts } from '../core/collections/registry/collectionsFacts';
import { fail, type Result } from '../core/collections/result';
import { buildCollectionsFacts, type CollectionsFactsDeps } from './buildCollectionsFacts';

export type { CollectionsFactsDeps } from './buildCollectionsFacts';

/**
 * Reads one debtor's facts row (readDebtorFactsRows, one statement) inside the caller's transaction and builds their
 * CollectionsFacts (buildCollectionsFacts). Fails with FACTS.DEBTOR_NOT_FOUND, FACTS.NO_ACCOUNT or a POLICY.* code.
 * Does I/O.
 */
export async function loadCollectionsFacts(trx: Kysely<DB>, debtorId: string, now: Date, deps: CollectionsFactsDeps): Promise<Result<CollectionsFacts>> {
  // A list of one: the map holds at most this debtor (keyed by the id as stored, whatever case the caller wrote).
  const [row] = (await readDebtorFactsRows(trx, [debtorId])).values();
  if (!row) return fail('FACTS.DEBTOR_NOT_FOUND', `no debtor ${debtorId}`);
  return buildCollectionsFacts(row, now, deps);
}
