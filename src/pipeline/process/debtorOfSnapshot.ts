import type { ConversationSnapshot } from '../../adapters/db/repositories/loadConversationSnapshots';
import type { Facts } from '../../core/engine/types';

/** The debtor a snapshot's batch is about: the open conversation's, else the address owner's. Pure. */
export function debtorOf(snapshot: ConversationSnapshot): string | null {
  const open = snapshot.conversation;
  return open?.status === 'active' ? open.debtorId : snapshot.contactDebtorId;
}

/** That debtor's facts from a loaded set; undefined for no debtor; throws when a known debtor has none (a bug). Pure. */
export function factsFor(snapshot: ConversationSnapshot, facts: ReadonlyMap<string, Facts>): Facts | undefined {
  const debtorId = debtorOf(snapshot);
  if (!debtorId) return undefined;
  const found = facts.get(debtorId);
  if (!found) throw new Error(`debtor ${debtorId} has no facts`);
  return found;
}
