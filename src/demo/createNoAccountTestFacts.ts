import type { Facts } from '../core/engine/types';

/** What the collections facts provider returns for a debtor with no account: the debtor section and the code. */
export interface NoAccountFacts extends Facts {
  debtor: { id: string; externalId: string; firstName: string; locale: string; timeZone: string; country: string };
  factsError: 'FACTS.NO_ACCOUNT';
}

const noAccount = (key: string, firstName: string, locale: string, timeZone: string, country: string): NoAccountFacts => ({
  debtor: { id: `debtor-${key}`, externalId: key, firstName, locale, timeZone, country },
  factsError: 'FACTS.NO_ACCOUNT',
});

/**
 * Named fixture facts for debtors known by phone but with no account (created by hand, or whose accounts were
 * never imported), in the shape createCollectionsFactsProvider returns for them: no creditor, account or policy,
 * so they fail the CollectionsFacts schema and the default flows hand the conversation to a person. Kept apart
 * from createTestFacts, whose fixtures are complete collections facts. Returns fresh objects on every call. Pure.
 */
export function createNoAccountTestFacts(): Record<string, NoAccountFacts> {
  return {
    co_no_account: noAccount('co_no_account', 'Camila', 'es-CO', 'America/Bogota', 'CO'),
    us_no_account: noAccount('us_no_account', 'Chris', 'en-US', 'America/New_York', 'US'),
  };
}
