import type { CompiledFlow } from './compiledFlow';
import type { Session } from './types';

/**
 * A new conversation on `flow` in `locale`, sitting on the initial state before the `start` event (which says
 * the greeting). Pure.
 */
export function createSession(flow: CompiledFlow, locale: string): Session {
  return {
    flowId: flow.id,
    flowVersion: flow.version,
    state: flow.initial,
    slots: {},
    attempts: {},
    locale,
    status: 'active',
  };
}
