import { setup, type AnyStateMachine, type MetaObject, type NonReducibleUnknown, type StateNodeConfig, type TransitionConfig } from 'xstate';
import { renderTemplate } from '../core/engine/renderTemplate';
import { resolveLocaleTemplates } from '../core/engine/resolveLocaleTemplates';
import type { CompiledFlow, CompiledHandler, CompiledState } from '../core/engine/compiledFlow';
import type { FormatContext } from '../core/engine/formatValue';
import type { Effect, EngineEvent, Facts, Session, StepContext } from '../core/engine/types';

/** What the XState twin keeps per conversation: the same data as an engine Session. */
export interface TwinContext {
  facts: Facts;
  locale: string;
  slots: Record<string, unknown>;
  attempts: Record<string, number>;
  startedAt: Date;
  /** Set by an `unmatched` transition that lands in the serving state without entering it (as the engine does). */
  quietEntry?: boolean;
}

/**
 * `intent:NAME` for messages, `event:NAME` for system events, `timeout:TIMER` for timers. The engine event rides
 * along, so the registry's guards and actions see exactly what they see under the engine, and `now` with it.
 */
export interface TwinEvent {
  type: string;
  now: Date;
  engine: EngineEvent;
}

export interface TwinInput {
  facts: Facts;
  locale: string;
  /** The clock at the start, for timers scheduled by the initial transition (its event carries no `now`). */
  now: Date;
}

/** The twin event for an engine event (the same naming the engine uses for its trigger keys). Pure. */
export function toTwinEvent(event: Exclude<EngineEvent, { kind: 'start' }>, now: Date): TwinEvent {
  if (event.kind === 'message') return { type: `intent:${event.intent}`, now, engine: event };
  if (event.kind === 'timeout') return { type: `timeout:${event.timer}`, now, engine: event };
  return { type: `event:${event.name}`, now, engine: event };
}

type Args = { context: TwinContext; event: TwinEvent };
type TwinState = StateNodeConfig<TwinContext, TwinEvent, never, never, never, never, string, unknown, Effect, MetaObject>;
type TwinTransition = TransitionConfig<TwinContext, TwinEvent, TwinEvent, never, never, never, never, Effect>;
type None = Record<never, never>;
type AttemptsChange = 'none' | 'increment' | 'reset';

function createTwinSetup() {
  return setup<TwinContext, TwinEvent, None, None, None, None, never, string, TwinInput, NonReducibleUnknown, Effect>({});
}

interface Build {
  flow: CompiledFlow;
  x: ReturnType<typeof createTwinSetup>;
}

const START: EngineEvent = { kind: 'start' };

/**
 * Builds an XState 5 machine (setup + createMachine) from a compiled flow, mechanically, so it cannot drift from
 * the YAML: the same states, candidate handlers in the engine's matching order (on → override → global, then
 * otherwise), the same registry guard and action functions, attempts and retries, inactivity timers, `always`
 * and final states. Effects leave as emitted events, so the pure `transition()` returns them as its action list,
 * as the engine's step returns its effect list. Pure.
 */
export function buildXStateTwin(flow: CompiledFlow): AnyStateMachine {
  const b: Build = { flow, x: createTwinSetup() };
  const states: Record<string, TwinState> = {};
  for (const state of flow.states.values()) states[state.id] = buildState(b, state);
  return b.x.createMachine({
    id: flow.id,
    initial: flow.initial,
    context: ({ input }) => ({ facts: input.facts, locale: input.locale, slots: {}, attempts: {}, startedAt: input.now }),
    entry: b.x.emit({ type: 'audit', code: 'FLOW.TRANSITION', data: { from: null, to: flow.initial, trigger: 'start', via: 'start' } }),
    states,
  });
}

function buildState(b: Build, s: CompiledState): TwinState {
  if (s.final) return { type: 'final', entry: enterActions(b, s) };
  const on: Record<string, TwinTransition[]> = {};
  for (const [key, handlers] of s.handlers) {
    const fromMessage = key.startsWith('intent:');
    on[key] = handlers.flatMap((h) => candidates(b, s, h, key, fromMessage));
  }
  for (const [key, served] of servedAs(b, s)) on[key] = [...(on[key] ?? []), ...served];
  if (s.inactivity) on[`timeout:${s.inactivity.timer}`] = [transitionOf(b, s, s.inactivity.handler, `timeout:${s.inactivity.timer}`, 'none', false)];
  // XState tries `*` after the exact key's candidates fail, as the engine falls back to `otherwise`.
  const isMessage = ({ event }: Args): boolean => engineEventOf(event).kind === 'message';
  on['*'] = [
    ...(s.otherwise ? candidates(b, s, s.otherwise, 'otherwise', true, isMessage) : []),
    { guard: isMessage, actions: auditOnly(b, s, (e) => ({ code: 'FLOW.NO_MATCH', data: { state: s.id, trigger: e.type } }), true) },
    { guard: ({ event }) => engineEventOf(event).kind === 'system', actions: auditOnly(b, s, (e) => ({ code: 'FLOW.UNHANDLED_EVENT', data: { state: s.id, trigger: e.type } }), false) },
    { guard: ({ event }) => engineEventOf(event).kind === 'timeout', actions: auditOnly(b, s, (e) => ({ code: 'FLOW.STALE_TIMER', data: { timer: e.type.slice(8), state: s.id } }), false) },
  ];
  const always = s.always.map((h) => transitionOf(b, s, h, 'always', 'none', false));
  return { entry: enterActions(b, s), on, ...(always.length > 0 ? { always } : {}) };
}

/** A handler as XState candidates: a message that re-enters or falls to `otherwise` counts an attempt, and the retry swap. */
function candidates(b: Build, s: CompiledState, h: CompiledHandler, trigger: string, fromMessage: boolean, only?: (args: Args) => boolean): TwinTransition[] {
  const label = h.via === 'on' || h.via === 'override' || h.via === 'global' ? trigger : h.via;
  const own = guardOf(s, h, fromMessage);
  const passes = only ? (args: Args): boolean => only(args) && own(args) : own;
  const counts = fromMessage && (h.via === 'otherwise' || h.target === s.id);
  if (!counts) return [{ ...transitionOf(b, s, h, label, 'none', fromMessage), guard: passes }];
  const plain = { ...transitionOf(b, s, h, label, 'increment', fromMessage), guard: passes };
  const retries = s.retries;
  if (!retries) return [plain];
  const atMax = (args: Args): boolean => passes(args) && (args.context.attempts[s.id] ?? 0) + 1 >= retries.max;
  return [{ ...transitionOf(b, s, retries.handler, 'retries', 'reset', fromMessage), guard: atMax }, plain];
}

function guardOf(s: CompiledState, h: CompiledHandler, fromMessage: boolean): (args: Args) => boolean {
  if (h.guards.length === 0) return () => true;
  return ({ context, event }) => {
    const ctx = stepContextOf(context, event, s.id, fromMessage ? fillAsk(s, context.slots, event) : context.slots, context.attempts);
    for (const guard of h.guards) {
      try {
        if (guard.test(ctx) === guard.negate) return false;
      } catch {
        return false;
      }
    }
    return true;
  };
}

function transitionOf(b: Build, s: CompiledState, h: CompiledHandler, trigger: string, change: AttemptsChange, fromMessage: boolean): TwinTransition {
  const run = b.x.enqueueActions(({ context, event, enqueue }) => {
    let slots = fromMessage ? fillAsk(s, context.slots, event) : context.slots;
    let attempts = context.attempts;
    if (change === 'increment') attempts = { ...attempts, [s.id]: (attempts[s.id] ?? 0) + 1 };
    else if (change === 'reset') attempts = withoutKey(attempts, s.id);
    const effects: Effect[] = [];
    slots = runHandler(b, { context, event, state: s.id, slots, attempts }, h, trigger, effects);
    if (h.target !== undefined) {
      if (s.inactivity) effects.push({ type: 'cancel_schedule', timer: s.inactivity.timer });
      if (h.target !== s.id) attempts = withoutKey(attempts, s.id);
    } else if (fromMessage && s.inactivity) {
      // As the engine: the debtor just wrote, so a state they stay in measures inactivity from now.
      effects.push({ type: 'schedule', timer: s.inactivity.timer, at: new Date(nowOf(context, event).getTime() + s.inactivity.afterMs).toISOString() });
    }
    enqueue.assign({ slots, attempts });
    for (const effect of effects) enqueue.emit(effect);
  });
  return { actions: run, guard: guardOf(s, h, fromMessage), ...(h.target === undefined ? {} : { target: h.target, reenter: h.target === s.id }) };
}

/** The engine's takeHandler up to leaving: audit, the actions (slots merged), the handler's templates. Returns the slots. */
function runHandler(b: Build, at: { context: TwinContext; event: TwinEvent; state: string; slots: Record<string, unknown>; attempts: Record<string, number> }, h: CompiledHandler, trigger: string, effects: Effect[]): Record<string, unknown> {
  let slots = at.slots;
  effects.push({ type: 'audit', code: 'FLOW.TRANSITION', data: { from: at.state, to: h.target ?? at.state, trigger, via: h.via } });
  for (const action of h.actions) {
    try {
      const result = action.run(stepContextOf(at.context, at.event, at.state, slots, at.attempts));
      if (result.slots) slots = mergeSlots(slots, result.slots);
      if (result.effects) effects.push(...result.effects);
    } catch (error) {
      effects.push({ type: 'audit', code: 'FLOW.ACTION_ERROR', data: { action: action.name, error: error instanceof Error ? error.message : String(error) } });
    }
  }
  say(b, at.context, slots, h.say, effects);
  return slots;
}

/**
 * `unmatched: { as }` as the engine's serveAsUnmatched: after this state's own candidates for an intent fail, the
 * serving state's `on` handlers for it, taken as if the conversation were there (this state's timer cancelled and its
 * attempts forgotten); with no target the conversation stays in the serving state without entering it.
 */
function servedAs(b: Build, s: CompiledState): Map<string, TwinTransition[]> {
  const out = new Map<string, TwinTransition[]>();
  const other = s.unmatched ? b.flow.states.get(s.unmatched.as) : undefined;
  if (!s.unmatched || !other) return out;
  for (const [key, handlers] of other.handlers) {
    if (!key.startsWith('intent:') || s.unmatched.except.has(key.slice(7))) continue;
    out.set(key, handlers.filter((h) => h.via === 'on').map((h) => servedTransition(b, s, other, h, key)));
  }
  return out;
}

function servedTransition(b: Build, s: CompiledState, other: CompiledState, h: CompiledHandler, trigger: string): TwinTransition {
  const target = h.target ?? other.id;
  const run = b.x.enqueueActions(({ context, event, enqueue }) => {
    let attempts = withoutKey(context.attempts, s.id);
    const effects: Effect[] = [{ type: 'audit', code: 'FLOW.SERVED_AS', data: { state: s.id, as: other.id, trigger } }];
    if (s.inactivity) effects.push({ type: 'cancel_schedule', timer: s.inactivity.timer });
    const slots = runHandler(b, { context, event, state: other.id, slots: fillAsk(s, context.slots, event), attempts }, h, trigger, effects);
    if (h.target !== undefined) {
      if (other.inactivity) effects.push({ type: 'cancel_schedule', timer: other.inactivity.timer });
      if (h.target !== other.id) attempts = withoutKey(attempts, other.id);
    } else if (other.inactivity) {
      effects.push({ type: 'schedule', timer: other.inactivity.timer, at: new Date(nowOf(context, event).getTime() + other.inactivity.afterMs).toISOString() });
    }
    enqueue.assign({ slots, attempts, quietEntry: h.target === undefined });
    for (const effect of effects) enqueue.emit(effect);
  });
  return { actions: run, guard: guardOf(s, h, true), target, reenter: target === s.id };
}

/** Entering a state: its templates, then `end` when final or its inactivity timer. */
function enterActions(b: Build, s: CompiledState) {
  return b.x.enqueueActions(({ context, event, enqueue }) => {
    if (context.quietEntry) {
      enqueue.assign({ quietEntry: false });
      return;
    }
    const effects: Effect[] = [];
    say(b, context, context.slots, s.say, effects);
    if (s.final) effects.push({ type: 'end' });
    else if (s.inactivity) effects.push({ type: 'schedule', timer: s.inactivity.timer, at: new Date(nowOf(context, event).getTime() + s.inactivity.afterMs).toISOString() });
    for (const effect of effects) enqueue.emit(effect);
  });
}

/** A targetless reaction that only audits (no match, unhandled event, stale timer); a message still fills the asked slot. */
function auditOnly(b: Build, s: CompiledState, audit: (event: TwinEvent) => { code: string; data: Record<string, unknown> }, fromMessage: boolean) {
  return b.x.enqueueActions(({ context, event, enqueue }) => {
    if (fromMessage && s.ask) enqueue.assign({ slots: fillAsk(s, context.slots, event) });
    enqueue.emit({ type: 'audit', ...audit(event) });
  });
}

function say(b: Build, context: TwinContext, slots: Record<string, unknown>, keys: readonly string[], effects: Effect[]): void {
  if (keys.length === 0) return;
  const table = resolveLocaleTemplates(b.flow, context.locale);
  const account = context.facts.account;
  const currency = typeof account === 'object' && account !== null ? Reflect.get(account, 'currency') : undefined;
  const format: FormatContext = {
    locale: context.locale,
    timeZone: context.facts.debtor.timeZone,
    ...(typeof currency === 'string' ? { defaultCurrency: currency } : {}),
    formatters: b.flow.caches.formatters,
  };
  for (const key of keys) {
    const template = table.get(key);
    if (template === undefined) effects.push({ type: 'audit', code: 'TEMPLATE.MISSING', data: { template: key, locale: context.locale } });
    else effects.push({ type: 'say', template: key, text: renderTemplate(template, context.facts, slots, format, effects) });
  }
}

function fillAsk(s: CompiledState, slots: Record<string, unknown>, event: TwinEvent): Record<string, unknown> {
  const engine = engineEventOf(event);
  if (!s.ask || engine.kind !== 'message') return slots;
  const value = engine.entities[s.ask.entity];
  return value === undefined ? slots : { ...slots, [s.ask.slot]: value };
}

/** Slot changes as the engine merges them: undefined clears a slot. */
function mergeSlots(slots: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const next = { ...slots };
  for (const key of Object.keys(changes)) {
    const value = changes[key];
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next;
}

function withoutKey(attempts: Record<string, number>, key: string): Record<string, number> {
  if (attempts[key] === undefined) return attempts;
  const next = { ...attempts };
  delete next[key];
  return next;
}

/** The initial transition's event (xstate.init) is not a TwinEvent: to the registry it is the engine's start. */
function engineEventOf(event: TwinEvent): EngineEvent {
  return event.type === 'xstate.init' ? START : event.engine;
}

function nowOf(context: TwinContext, event: TwinEvent): Date {
  // The initial transition's event (xstate.init) carries no clock: use the one given as input.
  return event.now instanceof Date ? event.now : context.startedAt;
}

function stepContextOf(context: TwinContext, event: TwinEvent, state: string, slots: Record<string, unknown>, attempts: Record<string, number>): StepContext {
  const session: Session = { flowId: '', flowVersion: '', state, slots, attempts, locale: context.locale, status: 'active' };
  return { session, event: engineEventOf(event), facts: context.facts, now: nowOf(context, event), timeZone: context.facts.debtor.timeZone };
}
