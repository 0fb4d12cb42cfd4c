import type { ErrorSink } from './createErrorSink';
import type { FlowSpec } from './flowSchema';
import type { HandlerSite } from './listFlowHandlers';

/**
 * A state declared `offer: true` waits for the debtor's answer to an offer, so it may not be final and must say
 * what an acceptance does: an `intent: affirm` transition of its own (a global or an override does not count, as
 * accepting is what the state is for). Pure apart from adding to the sink.
 */
export function checkOfferStates(spec: FlowSpec, sites: readonly HandlerSite[], sink: ErrorSink): void {
  for (const [id, state] of Object.entries(spec.states)) {
    if (state.offer !== true) continue;
    if (state.final === true) {
      sink.add('FLOW.FINAL_OFFER_STATE', ['states', id, 'offer'], `state '${id}' is final, so no answer to an offer can arrive there. Remove offer: true or final: true`);
      continue;
    }
    const accepts = sites.some((s) => s.state === id && s.via === 'on' && s.keys.includes('intent:affirm'));
    if (!accepts) {
      sink.add('FLOW.OFFER_WITHOUT_ACCEPTANCE', ['states', id, 'offer'], `state '${id}' is declared offer: true but has no transition for intent: affirm, so a debtor could never accept the offer. Add one under on: (e.g. - intent: affirm, actions: [accept_offer]) or remove offer: true`);
    }
  }
}
