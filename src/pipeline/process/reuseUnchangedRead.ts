import type { ConversationSnapshot } from '../../adapters/db/repositories/loadConversationSnapshots';
import { isSameJson } from '../../core/json/isSameJson';
import type { CachedSnapshot } from './createSnapshotCache';

/**
 * Whether the locked read gives the plan made outside the same inputs: the same conversation (same session object,
 * kept by keepSameSession when unchanged), the same last ended conversation, owner, wrong-party mark, opt-out and facts object. The plan is then the one
 * planning again would make (its clock a few milliseconds earlier), so it is written as it is. Pure.
 */
export function isSameRead(outside: CachedSnapshot, locked: CachedSnapshot): boolean {
  const [a, b] = [outside.snapshot, locked.snapshot];
  const sameConversation =
    a.conversation === b.conversation ||
    (a.conversation !== undefined && b.conversation !== undefined && a.conversation.id === b.conversation.id && a.conversation.session === b.conversation.session &&
      a.conversation.handoff === b.conversation.handoff && a.conversation.status === b.conversation.status && a.conversation.debtorId === b.conversation.debtorId);
  const samePrevious = a.previous === b.previous || (a.previous !== null && b.previous !== null && a.previous.id === b.previous.id && isSameJson(a.previous.session, b.previous.session));
  return sameConversation && samePrevious && a.contactDebtorId === b.contactDebtorId && a.wrongParty === b.wrongParty && a.optedOut === b.optedOut && outside.facts === locked.facts;
}

/** The snapshot with the earlier read's session object when the stored session is unchanged. Pure. */
export function keepSameSession(earlier: ConversationSnapshot | undefined, now: ConversationSnapshot): ConversationSnapshot {
  const previous = earlier?.conversation;
  const current = now.conversation;
  if (!previous || !current || previous.id !== current.id || previous.session === current.session || !isSameJson(previous.session, current.session)) return now;
  return { ...now, conversation: { ...current, session: previous.session } };
}
