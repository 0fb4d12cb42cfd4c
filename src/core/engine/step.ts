import { confirmPendingValues } from './confirmPendingValues';
import { enterState, exitState, passesGuards, setAttempts, setSlots, takeHandler } from './takeHandler';
import type { CompiledFlow, CompiledHandler, CompiledState } from './compiledFlow';
import type { StepRun } from './takeHandler';
import type { Effect, EngineEvent, Facts, Session, StepContext, StepResult } from './types';

function createRun(flow: CompiledFlow, session: Session, event: EngineEvent, facts: Facts, now: Date): StepRun {
  // Shallow copy: slots and attempts are copied on first write only.
  const working: Session = { ...session };
  const account = facts.account;
  const currency = typeof account === 'object' && account !== null ? Reflect.get(account, 'currency') : undefined;
  const timeZone = facts.debtor.timeZone;
  return {
    flow,
    facts,
    now,
    session: working,
    ctx: { session: working, event, facts, now, timeZone },
    format: {
      locale: session.locale,
      timeZone,
      ...(typeof currency === 'string' ? { defaultCurrency: currency } : {}),
      formatters: flow.caches.formatters,
    },
    effects: [],
    slotsCopied: false,
    attemptsCopied: false,
    hops: 0,
  };
}

function firstPassing(run: StepRun, handlers: readonly CompiledHandler[] | undefined): CompiledHandler | undefined {
  if (handlers === undefined) return undefined;
  for (const handler of handlers) if (passesGuards(run, handler)) return handler;
  return undefined;
}

/** A message: fill the asked slot, match (on → overrides → globals → otherwise), count attempts, retry. */
function onMessage(run: StepRun, state: CompiledState, event: Extract<EngineEvent, { kind: 'message' }>): void {
  if (state.ask) {
    const value = event.entities[state.ask.entity];
    if (value !== undefined) setSlots(run, { [state.ask.slot]: value });
  }
  const trigger = `intent:${event.intent}`;
  let handler = firstPassing(run, state.handlers.get(trigger));
  if (handler === undefined && serveAsUnmatched(run, state, event.intent, trigger)) return;
  if (handler === undefined && state.otherwise && passesGuards(run, state.otherwise)) handler = state.otherwise;
  if (handler === undefined) {
    run.effects.push({ type: 'audit', code: 'FLOW.NO_MATCH', data: { state: state.id, trigger } });
    return;
  }
  if (handler.via === 'otherwise' || handler.target === state.id) {
    const attempts = (run.session.attempts[state.id] ?? 0) + 1;
    if (state.retries && attempts >= state.retries.max) {
      setAttempts(run, state.id, 0);
      handler = state.retries.handler;
    } else {
      setAttempts(run, state.id, attempts);
    }
  }
  takeHandler(run, state, handler, handler.via === 'on' || handler.via === 'override' || handler.via === 'global' ? trigger : handler.via);
  if (handler.target === undefined) rearmInactivity(run, state);
}

/**
 * `unmatched: { as }`: a message this state has no transition for, whose intent is not one of the answers it waits
 * for, is served by the other state's own `on` transition as if the conversation were there (the pending question
 * is left). True when it was served.
 */
function serveAsUnmatched(run: StepRun, state: CompiledState, intent: string, trigger: string): boolean {
  if (state.unmatched === undefined || state.unmatched.except.has(intent)) return false;
  const other = run.flow.states.get(state.unmatched.as);
  const own = other?.handlers.get(trigger)?.filter((h) => h.via === 'on');
  const handler = firstPassing(run, own);
  if (other === undefined || handler === undefined) return false;
  run.effects.push({ type: 'audit', code: 'FLOW.SERVED_AS', data: { state: state.id, as: other.id, trigger } });
  exitState(run, state, true);
  run.session.state = other.id;
  takeHandler(run, other, handler, trigger);
  if (handler.target === undefined) rearmInactivity(run, other);
  return true;
}

/** The debtor just wrote: a state they stay in measures inactivity from now, not from when it was entered. */
function rearmInactivity(run: StepRun, state: CompiledState): void {
  if (state.inactivity === undefined || run.session.status !== 'active' || run.session.state !== state.id) return;
  run.effects.push({ type: 'schedule', timer: state.inactivity.timer, at: new Date(run.now.getTime() + state.inactivity.afterMs).toISOString() });
}

function onTimeout(run: StepRun, state: CompiledState, timer: string): void {
  if (state.inactivity === undefined || state.inactivity.timer !== timer) {
    run.effects.push({ type: 'audit', code: 'FLOW.STALE_TIMER', data: { timer, state: state.id } });
    return;
  }
  takeHandler(run, state, state.inactivity.handler, `timeout:${timer}`);
}

function onSystem(run: StepRun, state: CompiledState, name: string): void {
  const trigger = `event:${name}`;
  const handler = firstPassing(run, state.handlers.get(trigger));
  if (handler === undefined) {
    run.effects.push({ type: 'audit', code: 'FLOW.UNHANDLED_EVENT', data: { state: state.id, trigger } });
    return;
  }
  takeHandler(run, state, handler, trigger);
}

type MessageEvent = Extract<EngineEvent, { kind: 'message' }>;

/**
 * Runs the flow's refiners (`refine:`) over a message in its context: the first one that reads it as another
 * intent the flow knows wins, with the audit NLU.REFINED { from, to, reason, refiner }. Returns the event guards
 * and actions should see and the audit effects to record. Pure (the XState twin of the bench calls it too).
 */
export function refineMessage(flow: CompiledFlow, ctx: StepContext, event: MessageEvent): { event: MessageEvent; effects: Effect[] } {
  const effects: Effect[] = [];
  const where = { offer: flow.states.get(ctx.session.state)?.offer === true };
  for (const refiner of flow.refiners) {
    let result;
    try {
      result = refiner.run({ ...ctx, event }, where);
    } catch (error) {
      effects.push({ type: 'audit', code: 'FLOW.REFINER_ERROR', data: { refiner: refiner.name, error: error instanceof Error ? error.message : String(error) } });
      continue;
    }
    if (result === undefined || !flow.intents.has(result.intent)) continue;
    if (result.intent === event.intent && result.entities === undefined) break;
    effects.push({ type: 'audit', code: 'NLU.REFINED', data: { from: event.intent, to: result.intent, reason: result.reason, refiner: refiner.name } });
    return { event: { ...event, intent: result.intent, ...(result.entities ? { entities: result.entities } : {}) }, effects };
  }
  return { event, effects };
}

function refine(run: StepRun, event: MessageEvent): MessageEvent {
  const refined = refineMessage(run.flow, run.ctx, event);
  run.effects.push(...refined.effects);
  if (refined.event !== event) run.ctx = { ...run.ctx, event: refined.event };
  return refined.event;
}

/**
 * Advances one conversation by one event: returns the next session and the effects (say, schedule, audit …)
 * as data. Pure, synchronous and deterministic; flow or data problems become audit effects, never exceptions.
 */
export function step(flow: CompiledFlow, session: Session, event: EngineEvent, facts: Facts, now: Date): StepResult {
  const run = createRun(flow, session, event, facts, now);
  if (session.status === 'ended') {
    run.effects.push({ type: 'audit', code: 'FLOW.IGNORED_AFTER_END', data: { state: session.state, event: event.kind } });
    return { session: run.session, effects: run.effects };
  }
  if (event.kind === 'start') {
    run.effects.push({ type: 'audit', code: 'FLOW.TRANSITION', data: { from: null, to: flow.initial, trigger: 'start', via: 'start' } });
    enterState(run, flow.initial);
    return finish(run, session);
  }
  const state = flow.states.get(session.state);
  if (state === undefined) {
    run.effects.push({ type: 'audit', code: 'FLOW.UNKNOWN_STATE', data: { state: session.state, flowVersion: flow.version } });
    return { session: run.session, effects: run.effects };
  }
  if (event.kind === 'message') confirmPendingValues(run, state, refine(run, event), (message) => onMessage(run, state, message));
  else if (event.kind === 'timeout') onTimeout(run, state, event.timer);
  else onSystem(run, state, event.name);
  return finish(run, session);
}

/** The step's result; a step that ended the conversation stamps when, and the state it began in (Session.ended). */
function finish(run: StepRun, before: Session): StepResult {
  if (before.status === 'active' && run.session.status === 'ended') run.session.ended = { at: run.now.toISOString(), from: before.state };
  return { session: run.session, effects: run.effects };
}
