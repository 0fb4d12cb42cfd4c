import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import type { FilterOptions } from '../views/InboxPage';

/** The values the inbox filters offer: countries, creditors, flow versions in use. Does I/O (three small reads). */
export async function loadFilterOptions(db: Kysely<DB>): Promise<FilterOptions> {
  const [countries, creditors, flows] = await Promise.all([
    db.selectFrom('debtors').select('country').distinct().orderBy('country').limit(100).execute(),
    db.selectFrom('accounts').select('creditor').distinct().orderBy('creditor').limit(200).execute(),
    db.selectFrom('conversations').select(['flowId', 'flowVersion']).distinct().where('flowId', 'is not', null).orderBy('flowId').limit(100).execute(),
  ]);
  return {
    countries: countries.map((r) => r.country),
    creditors: creditors.map((r) => r.creditor),
    flows: flows.flatMap((f) => (f.flowId && f.flowVersion ? [{ flowId: f.flowId, flowVersion: f.flowVersion }] : [])),
  };
}
