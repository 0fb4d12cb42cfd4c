import { setup, type AnyStateMachine, type MetaObject, type NonReducibleUnknown, type StateNodeConfig, type TransitionConfig } from 'xstate';
import { parseDuration } from '../core/engine/parseDuration';
import { renderTemplate } from '../core/engine/renderTemplate';
import { resolveLocaleTemplates } from '../core/engine/resolveLocaleTemplates';
import type { CompiledFlow } from '../core/engine/compiledFlow';
import type { HandlerSpec, StateSpec } from '../core/engine/flowSchema';
import type { Effect, EngineEvent, Facts, Session, StepContext } from '../core/engine/types';
import type { Entities } from '../core/nlu/types';

/** What the XState twin keeps per conversation: the same data as an engine Session. */
export interface TwinContext {
  facts: Facts;
  locale: string;
  slots: Record<string, unknown>;
  attempts: Record<string, number>;
  startedAt: Date;
}

/** `intent:NAME` for messages, `event:NAME` for system events, `timeout:TIMER` for timers; `now` rides along. */
export interface TwinEvent {
  type: string;
  now: Date;
  text?: string;
  entities?: Entities;
  confidence?: number;
}

export interface TwinInput {
  facts: Facts;
  locale: string;
  /** The clock at the start, for timers scheduled by the initial transition (its event carries no `now`). */
  now: Date;
}

type Handler = HandlerSpec & { via: string; trigger: string };
type Args = { context: TwinContext; event: TwinEvent };
type TwinGuard = (args: Args) => boolean;
type TwinState = StateNodeConfig<TwinContext, TwinEvent, never, never, never, never, string, unknown, Effect, MetaObject>;
type TwinTransition = TransitionConfig<TwinContext, TwinEvent, TwinEvent, never, never, never, never, Effect>;

type None = Record<never, never>;

function createTwinSetup() {
  return setup<TwinContext, TwinEvent, None, None, None, None, never, string, TwinInput, NonReducibleUnknown, Effect>({});
}
type TwinSetup = ReturnType<typeof createTwinSetup>;

interface Build {
  flow: CompiledFlow;
  x: TwinSetup;
}

/**
 * Builds an XState 5 machine (setup + createMachine) equivalent to a compiled flow: the same states, guards,
 * actions, templates, attempts/retries, globals and inactivity timers. Effects leave as emitted events, so the
 * pure `transition()` returns them as its action list, as the engine's step returns its effect list. Pure.
 */
export function buildXStateTwin(flow: CompiledFlow): AnyStateMachine {
  const x = createTwinSetup();
  const build: Build = { flow, x };
  const states: Record<string, TwinState> = {};
  for (const [id, state] of Object.entries(flow.spec.states)) states[id] = buildState(build, id, state);
  return x.createMachine({
    id: flow.spec.id,
    initial: flow.spec.initial,
    context: ({ input }) => ({ facts: input.facts, locale: input.locale, slots: {}, attempts: {}, startedAt: input.now }),
    states,
  });
}

function buildState(b: Build, id: string, state: StateSpec): TwinState {
  if (state.final) return { type: 'final', entry: [...sayActions(b, state.say ?? []), b.x.emit({ type: 'end' })] };
  const inactivityMs = state.inactivity ? parseDuration(state.inactivity.after) : undefined;
  const timer = `inactivity:${id}`;
  const entry = sayActions(b, state.say ?? []);
  if (inactivityMs !== undefined) {
    entry.push(
      b.x.emit(({ context, event }) => {
        const now = 'now' in event && event.now instanceof Date ? event.now : context.startedAt;
        return { type: 'schedule', timer, at: new Date(now.getTime() + inactivityMs).toISOString() };
      }),
    );
  }
  const exit = inactivityMs === undefined ? [] : [b.x.emit({ type: 'cancel_schedule', timer })];
  const on: Record<string, TwinTransition[]> = {};
  const add = (key: string, ...list: TwinTransition[]): void => {
    (on[key] ??= []).push(...list);
  };
  for (const t of state.on ?? []) {
    for (const intent of t.intent ?? []) add(`intent:${intent}`, ...candidates(b, id, state, { ...t, via: 'on', trigger: `intent:${intent}` }));
    for (const event of t.event ?? []) add(`event:${event}`, ...candidates(b, id, state, { ...t, via: 'on', trigger: `event:${event}` }));
  }
  const overrides = state.overrides ?? {};
  for (const [key, h] of Object.entries(overrides)) add(keyOf(key), ...candidates(b, id, state, { ...h, via: 'override', trigger: keyOf(key) }));
  for (const [key, h] of Object.entries(b.flow.spec.globals ?? {})) {
    if (!(key in overrides)) add(keyOf(key), ...candidates(b, id, state, { ...h, via: 'global', trigger: keyOf(key) }));
  }
  if (state.otherwise) add('*', ...candidates(b, id, state, { ...state.otherwise, via: 'otherwise', trigger: 'otherwise' }, true));
  if (state.inactivity) add(`timeout:${timer}`, transitionOf(b, id, state, { ...state.inactivity, via: 'inactivity', trigger: `timeout:${timer}` }));
  const always = state.always === undefined ? [] : Array.isArray(state.always) ? state.always : [state.always];
  return {
    entry,
    exit,
    on,
    ...(always.length > 0 ? { always: always.map((a) => transitionOf(b, id, state, { ...a, via: 'always', trigger: 'always' })) } : {}),
  };
}

function keyOf(key: string): string {
  return key.startsWith('event:') ? key : `intent:${key}`;
}

/** One handler as XState candidates: with attempt counting and the retry swap when it re-enters or is `otherwise`. */
function candidates(b: Build, id: string, state: StateSpec, h: Handler, isOtherwise = false): TwinTransition[] {
  const counts = isOtherwise || h.target === id;
  const own = guardOf(b, id, state, h);
  // `*` also sees unmatched timers and system events; only messages fall through to `otherwise`.
  const base: TwinGuard = isOtherwise ? (args) => args.event.type.startsWith('intent:') && own(args) : own;
  const plain = { ...transitionOf(b, id, state, h, counts), guard: base };
  if (!counts || !state.retries) return [plain];
  const max = state.retries.max;
  const retry = transitionOf(b, id, state, { ...state.retries, via: 'retries', trigger: 'retries' });
  return [{ ...retry, guard: (args: Args) => base(args) && (args.context.attempts[id] ?? 0) + 1 >= max }, plain];
}

function transitionOf(b: Build, id: string, state: StateSpec, h: Handler, countsAttempt = false): TwinTransition {
  const to = h.target ?? id;
  const leaves = h.via === 'retries' || (h.target !== undefined && h.target !== id);
  const run = b.x.enqueueActions(({ context, event, enqueue }) => {
    const attempts = { ...context.attempts };
    if (countsAttempt) attempts[id] = (attempts[id] ?? 0) + 1;
    if (leaves) delete attempts[id];
    let slots = fillAsk(state, context.slots, event);
    enqueue.emit({ type: 'audit', code: 'FLOW.TRANSITION', data: { from: id, to, trigger: h.trigger, via: h.via } });
    for (const name of h.actions ?? []) {
      const result = b.flow.registry.actions[name]?.run(stepContextOf({ ...context, slots, attempts }, event, id));
      if (result?.slots) slots = { ...slots, ...result.slots };
      for (const effect of result?.effects ?? []) enqueue.emit(effect);
    }
    enqueue.assign({ slots, attempts });
  });
  return { actions: [run, ...sayActions(b, h.say ?? [])], ...(h.target ? { target: h.target, reenter: h.target === id } : {}), guard: guardOf(b, id, state, h) };
}

function guardOf(b: Build, id: string, state: StateSpec, h: Handler): TwinGuard {
  const tests: Array<[(ctx: StepContext) => boolean, boolean]> = [];
  if (h.guard) tests.push([b.flow.registry.guards[h.guard] ?? (() => false), false]);
  if (h.unless) tests.push([b.flow.registry.guards[h.unless] ?? (() => false), true]);
  return ({ context, event }) => {
    if (tests.length === 0) return true;
    const ctx = stepContextOf({ ...context, slots: fillAsk(state, context.slots, event) }, event, id);
    return tests.every(([test, negate]) => test(ctx) !== negate);
  };
}

function fillAsk(state: StateSpec, slots: Record<string, unknown>, event: TwinEvent): Record<string, unknown> {
  const value = state.ask && event.entities ? event.entities[state.ask.entity] : undefined;
  return state.ask && value !== undefined ? { ...slots, [state.ask.slot]: value } : slots;
}

function sayActions(b: Build, keys: readonly string[]) {
  return keys.map((key) =>
    b.x.emit(({ context }) => {
      const template = resolveLocaleTemplates(b.flow, context.locale).get(key);
      const format = { locale: context.locale, timeZone: context.facts.debtor.timeZone, formatters: b.flow.caches.formatters };
      const text = template ? renderTemplate(template, context.facts, context.slots, format, []) : '';
      return { type: 'say', template: key, text };
    }),
  );
}

function stepContextOf(context: TwinContext, event: TwinEvent, state: string): StepContext {
  const session: Session = { flowId: '', flowVersion: '', state, slots: context.slots, attempts: context.attempts, locale: context.locale, status: 'active' };
  return { session, event: engineEventOf(event), facts: context.facts, now: event.now, timeZone: context.facts.debtor.timeZone };
}

function engineEventOf(event: TwinEvent): EngineEvent {
  if (event.type.startsWith('intent:')) {
    return { kind: 'message', text: event.text ?? '', intent: event.type.slice(7), entities: event.entities ?? {}, confidence: event.confidence ?? 1 };
  }
  if (event.type.startsWith('timeout:')) return { kind: 'timeout', timer: event.type.slice(8) };
  return { kind: 'system', name: event.type.replace(/^event:/, '') };
}
