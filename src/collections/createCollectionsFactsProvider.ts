import type { Kysely } from 'kysely';
import type { DebtorFactsRow } from '../adapters/db/collections/readDebtorFactsRows';
import { createDebtorFactsRowMemo, readDebtorFactsRows } from '../adapters/db/collections/readDebtorFactsRows';
import type { DB } from '../adapters/db/schema';
import { localDate } from '../core/collections/dates/localDate';
import { createIntlCache } from '../core/collections/intl/createIntlCache';
import type { Facts } from '../core/engine/types';
import type { Clock } from '../ports/clock';
import type { FactsProvider } from '../ports/factsProvider';
import { buildCollectionsFacts, type CollectionsFactsDeps } from './buildCollectionsFacts';

/**
 * The FactsProvider port backed by the collections tables (readDebtorFactsRows, then buildCollectionsFacts at
 * clock.now()). An unknown debtor gives undefined (absent from loadManyFacts' map). A debtor with no account, or
 * whose account no policy covers, gets only the debtor section plus `factsError` (its code): greetings, opt-out and
 * handoff keep working, while the collections guards see no valid facts (COLLECTIONS.FACTS_INVALID), so nothing about
 * a debt is said. Does I/O (inside the caller's transaction): one statement per call, however many debtors and
 * whichever path each takes; none for an empty list.
 */
export function createCollectionsFactsProvider(deps: CollectionsFactsDeps & { clock: Clock }): FactsProvider {
  // One formatter cache per provider: building an Intl.DateTimeFormat per message was a measurable share of the worker's CPU.
  const withCache = { ...deps, intl: deps.intl ?? createIntlCache() };
  // Facts change only with their row, the debtor's calendar day and whether a verification lock is still on:
  // an unchanged row (the same object from the row memo) on the same day gives back the same facts object, so
  // the facts are not built (policy, payment link) nor validated by the flows again.
  const rowMemo = createDebtorFactsRowMemo();
  const built = new WeakMap<DebtorFactsRow, { day: string; locked: boolean; facts: Facts }>();
  const loadManyFacts = async (trx: Kysely<DB>, debtorIds: readonly string[]): Promise<Map<string, Facts>> => {
    const rows = await readDebtorFactsRows(trx, debtorIds, rowMemo);
    const now = deps.clock.now();
    const facts = new Map<string, Facts>();
    for (const [id, row] of rows) {
      const day = localDate(now, row.debtor.timezone, withCache.intl);
      const locked = row.lockedUntil !== null && row.lockedUntil.getTime() > now.getTime();
      const hit = built.get(row);
      if (hit && hit.day === day && hit.locked === locked) {
        facts.set(id, hit.facts);
        continue;
      }
      const made = toFacts(row, now, withCache);
      built.set(row, { day, locked, facts: made });
      facts.set(id, made);
    }
    return facts;
  };
  return {
    loadManyFacts,
    async loadFacts(trx: Kysely<DB>, debtorId: string): Promise<Facts | undefined> {
      // A list of one: the map holds at most this debtor (keyed by the id as stored, whatever case the caller wrote).
      const [facts] = (await loadManyFacts(trx, [debtorId])).values();
      return facts;
    },
  };
}

function toFacts(row: DebtorFactsRow, now: Date, deps: CollectionsFactsDeps): Facts {
  const result = buildCollectionsFacts(row, now, deps);
  if (result.ok) return result.value;
  // Degraded: the debtor section only (no last name, no verification factors), from the row already read.
  const { id, externalId, firstName, locale, timezone, country } = row.debtor;
  return { debtor: { id, externalId, firstName, locale, timeZone: timezone, country }, factsError: result.error.code };
}
