import type { Violation } from '../plan/plan';
import type { Adjustment, Offer } from './offer';

/** The closest in-policy offer to a request (null when there is none), what had to change, and why. */
export interface Proposal {
  offer: Offer | null;
  adjustments: Adjustment[];
  /** What is wrong with the request as asked (empty when it fits). */
  violations: Violation[];
}
