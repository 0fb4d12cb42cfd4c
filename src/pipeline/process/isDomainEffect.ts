import type { Effect } from '../../core/engine/types';

const domainTypes: ReadonlySet<string> = new Set(['record_promise', 'propose_plan', 'accept_plan', 'request_approval', 'record_dispute', 'mark_wrong_party', 'record_deceased', 'record_contact_preference', 'cancel_arrangement']);

/**
 * True for the effects the domain handler persists: negotiation and account records, and the audit
 * VERIFICATION.LOCKED whose lock must outlive the conversation. Pure.
 */
export function isDomainEffect(effect: Effect): boolean {
  if (effect.type === 'audit') return effect.code === 'VERIFICATION.LOCKED' || effect.code === 'VERIFICATION.PASSED';
  return domainTypes.has(effect.type);
}
