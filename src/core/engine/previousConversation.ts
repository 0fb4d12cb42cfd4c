import type { CompiledFlow } from './compiledFlow';
import type { PreviousConversation, Session } from './types';

/**
 * What a new conversation at the same address is told about the last one (the `previous` of its start event):
 * the state it was in when it ended, whether `flow` declares that state `offer: true`, when it ended and its slots.
 * Undefined for a session that is still open or that the engine did not end (no Session.ended stamp, e.g. closed
 * by a person). Whether it is recent enough to pick up from is the flow's decision (its guards). Pure.
 */
export function previousConversation(flow: CompiledFlow, session: Session): PreviousConversation | undefined {
  if (session.status !== 'ended' || session.ended === undefined) return undefined;
  const { at, from } = session.ended;
  return { state: from, offer: flow.states.get(from)?.offer === true, endedAt: at, slots: session.slots };
}
