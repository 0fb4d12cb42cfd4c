import type { ConversationSnapshot } from '../../adapters/db/repositories/loadConversationSnapshots';

/**
 * When no conversation is open and the person at this address said they are not the debtor (a wrong-party mark,
 * read with the snapshot), the address is treated as unknown: no new conversation names the debtor or their debt
 * there. (Consent on it is withdrawn too, so the neutral reply is not sent either.) Pure.
 */
export function forgetWrongParty(snapshot: ConversationSnapshot): ConversationSnapshot {
  if (!snapshot.contactDebtorId || snapshot.conversation?.status === 'active') return snapshot;
  return snapshot.wrongParty ? { ...snapshot, contactDebtorId: null } : snapshot;
}
