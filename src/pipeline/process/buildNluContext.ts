import type { CompiledFlow } from '../../core/engine/compiledFlow';
import type { Facts, Session } from '../../core/engine/types';
import type { NluContext } from '../../core/nlu/types';

/** The recognizer context for the conversation's current state: locale, time zone, currency, expectations. Pure. */
export function buildNluContext(flow: CompiledFlow, session: Session, facts: Facts, now: Date): NluContext {
  const state = flow.states.get(session.state);
  const intents = state ? [...state.handlers.keys()].filter((k) => k.startsWith('intent:')).map((k) => k.slice('intent:'.length)) : [];
  const account = facts.account;
  const currency = typeof account === 'object' && account !== null ? Reflect.get(account, 'currency') ?? readBalanceCurrency(account) : undefined;
  return {
    locale: session.locale,
    timeZone: facts.debtor.timeZone,
    now,
    ...(typeof currency === 'string' ? { currency } : {}),
    expected: { ...(state?.ask ? { entity: state.ask.entity } : {}), intents },
  };
}

function readBalanceCurrency(account: object): unknown {
  const balance: unknown = Reflect.get(account, 'balance');
  return typeof balance === 'object' && balance !== null ? Reflect.get(balance, 'currency') : undefined;
}
