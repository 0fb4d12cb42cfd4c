import { localDate } from '../dates/localDate';
import type { ResolvedPolicy } from '../policy/resolvedPolicy';
import { listOfferViolations } from './listOfferViolations';
import type { NegotiationAccount, Offer } from './offer';

/**
 * True when an offer, plan or promise respects the policy for this account at `now`, with "today" taken in the
 * debtor's time zone. The one check every accepted offer passes (see listOfferViolations for the reasons). Pure.
 */
export function isWithinPolicy(offer: Offer, policy: ResolvedPolicy, account: NegotiationAccount, now: Date, timeZone: string): boolean {
  return listOfferViolations(offer, policy, account, localDate(now, timeZone)).length === 0;
}
