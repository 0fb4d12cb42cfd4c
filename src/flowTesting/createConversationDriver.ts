import { createSession } from '../core/engine/createSession';
import { previousConversation } from '../core/engine/previousConversation';
import { step } from '../core/engine/step';
import { switchConversationLanguage } from '../core/engine/switchConversationLanguage';
import type { FlowForLocale } from '../core/engine/switchConversationLanguage';
import type { CompiledFlow } from '../core/engine/compiledFlow';
import type { Effect, EngineEvent, Facts, Session } from '../core/engine/types';
import type { Entities, Interpretation, NluContext } from '../core/nlu/types';

/** What a person (or a test step) does to the conversation. */
export type TurnInput =
  | { kind: 'start' }
  | { kind: 'user'; text: string }
  | { kind: 'event'; name: string; data?: Record<string, unknown> }
  | { kind: 'timeout'; timer: string }
  | { kind: 'advance'; ms: number }
  /**
   * The conversation has ended and the debtor writes again `ms` later: a new conversation starts, told how the last
   * one at this address ended (as the pipeline does); from another address (phone or channel) it is told nothing.
   */
  | { kind: 'return'; ms: number; otherAddress?: boolean };

/** The outcome of one input: effects of every engine step it caused, and where the conversation is now. */
export interface Turn {
  input: TurnInput;
  interpretation?: Interpretation;
  effects: Effect[];
  session: Session;
  now: Date;
}

export type Interpret = (text: string, ctx: NluContext) => Interpretation;

export interface DriverOptions {
  flow: CompiledFlow;
  facts: Facts;
  now: Date;
  /** Session locale; defaults to facts.debtor.locale. */
  locale?: string;
  interpret: Interpret;
  /**
   * The flows a conversation may move to when the debtor writes in another language (as the pipeline does,
   * switchConversationLanguage); without it the conversation stays on `flow`.
   */
  flowFor?: FlowForLocale;
}

export interface ConversationDriver {
  readonly session: Session;
  readonly now: Date;
  /** Timers the flow scheduled and did not cancel, with their due time. */
  readonly timers: ReadonlyMap<string, Date>;
  send(input: TurnInput): Turn;
  reset(): void;
}

/**
 * A conversation against a flow with a fake clock, as the pipeline would run it: messages go through the NLU
 * with the state's hints, timers the flow schedules fire when the clock is advanced past them. Used by the
 * conversation-test runner and the terminal chat. Pure apart from its own state.
 */
export function createConversationDriver(options: DriverOptions): ConversationDriver {
  const { facts, interpret } = options;
  let flow = options.flow;
  const locale = options.locale ?? facts.debtor.locale;
  let session = createSession(flow, locale);
  let now = new Date(options.now.getTime());
  let timers = new Map<string, Date>();

  const apply = (event: EngineEvent): Effect[] => {
    const result = step(flow, session, event, facts, now);
    session = result.session;
    for (const effect of result.effects) {
      if (effect.type === 'schedule') timers.set(effect.timer, new Date(effect.at));
      if (effect.type === 'cancel_schedule') timers.delete(effect.timer);
    }
    return result.effects;
  };

  const fireDueTimers = (until: Date): Effect[] => {
    const effects: Effect[] = [];
    for (;;) {
      const due = [...timers].filter(([, at]) => at <= until).sort((a, b) => a[1].getTime() - b[1].getTime())[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1];
      effects.push(...apply({ kind: 'timeout', timer: due[0] }));
    }
    now = until;
    return effects;
  };

  const comeBack = (input: Extract<TurnInput, { kind: 'return' }>): Effect[] => {
    if (session.status !== 'ended') return [{ type: 'audit', code: 'TEST.RETURN_WHILE_OPEN', data: { state: session.state } }];
    const previous = input.otherAddress ? undefined : previousConversation(flow, session);
    now = new Date(now.getTime() + input.ms);
    session = createSession(flow, session.locale);
    timers = new Map();
    return apply({ kind: 'start', ...(previous ? { previous } : {}) });
  };

  const send = (input: TurnInput): Turn => {
    switch (input.kind) {
      case 'start':
        return { input, effects: apply({ kind: 'start' }), session, now };
      case 'user': {
        const switched = options.flowFor ? switchConversationLanguage(flow, session, input.text, options.flowFor) : undefined;
        if (switched) [flow, session] = [switched.flow, switched.session];
        const interpretation = interpret(input.text, nluContextOf(flow, session, facts, now));
        const event: EngineEvent = { kind: 'message', text: input.text, intent: interpretation.intent, entities: interpretation.entities, confidence: interpretation.confidence };
        return { input, interpretation, effects: apply(event), session, now };
      }
      case 'event':
        return { input, effects: apply({ kind: 'system', name: input.name, ...(input.data ? { data: input.data } : {}) }), session, now };
      case 'timeout':
        timers.delete(input.timer);
        return { input, effects: apply({ kind: 'timeout', timer: input.timer }), session, now };
      case 'advance':
        return { input, effects: fireDueTimers(new Date(now.getTime() + input.ms)), session, now };
      case 'return':
        return { input, effects: comeBack(input), session, now };
    }
  };

  return {
    get session() {
      return session;
    },
    get now() {
      return now;
    },
    get timers() {
      return timers;
    },
    send,
    reset() {
      flow = options.flow;
      session = createSession(flow, locale);
      now = new Date(options.now.getTime());
      timers = new Map();
    },
  };
}

/** The NLU context for the conversation's current state: locale, time zone, currency and the state's hints. */
export function nluContextOf(flow: CompiledFlow, session: Session, facts: Facts, now: Date): NluContext {
  const state = flow.states.get(session.state);
  const intents = state ? [...state.handlers.keys()].filter((k) => k.startsWith('intent:')).map((k) => k.slice(7)) : [];
  const entity: keyof Entities | undefined = state?.ask?.entity;
  const currency = currencyOf(facts);
  return {
    locale: session.locale,
    timeZone: facts.debtor.timeZone,
    now,
    ...(currency ? { currency } : {}),
    expected: { ...(entity ? { entity } : {}), intents },
  };
}

/** The account currency: `account.currency` when the facts have one, else the balance's (CollectionsFacts). */
function currencyOf(facts: Facts): string | undefined {
  const account = facts.account;
  if (typeof account !== 'object' || account === null) return undefined;
  const direct: unknown = Reflect.get(account, 'currency');
  if (typeof direct === 'string') return direct;
  const balance: unknown = Reflect.get(account, 'balance');
  const currency: unknown = typeof balance === 'object' && balance !== null ? Reflect.get(balance, 'currency') : undefined;
  return typeof currency === 'string' ? currency : undefined;
}
