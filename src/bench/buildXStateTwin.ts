import { assign, setup, type AnyStateMachine, type EventObject, type MetaObject, type StateNodeConfig, type TransitionConfig } from 'xstate';
import { parseDuration } from '../core/engine/parseDuration';
import { renderTemplate } from '../core/engine/renderTemplate';
import { resolveLocaleTemplates } from '../core/engine/resolveLocaleTemplates';
import type { CompiledFlow } from '../core/engine/compiledFlow';
import type { HandlerSpec, StateSpec } from '../core/engine/flowSchema';
import type { Effect, EngineEvent, Facts, Session, StepContext } from '../core/engine/types';
import type { Entities } from '../core/nlu/types';

/** What the XState twin keeps per conversation: the same data as an engine Session plus this step's effects. */
export interface TwinContext {
  facts: Facts;
  locale: string;
  slots: Record<string, unknown>;
  attempts: Record<string, number>;
  effects: Effect[];
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
}

type Handler = HandlerSpec & { via: string; trigger: string };
type Args = { context: TwinContext; event: TwinEvent };
type TwinState = StateNodeConfig<TwinContext, TwinEvent, never, never, never, never, string, unknown, EventObject, MetaObject>;
type TwinTransition = TransitionConfig<TwinContext, TwinEvent, TwinEvent, never, never, never, never>;
type TwinGuard = (args: Args) => boolean;

/** XState's assign typed for the twin's context and events (what setup().assign gives inside a machine). */
const twinAssign = (fn: (args: Args) => Partial<TwinContext>) => assign<TwinContext, TwinEvent, undefined, TwinEvent, never>(fn);

/**
 * Builds an XState 5 machine (setup + createMachine) equivalent to a compiled flow: the same states, guards,
 * actions, templates, attempts/retries, globals, inactivity timers and effects, so the benchmark compares the
 * two runtimes on the same conversation. Guards and actions come from the flow's registry. Pure.
 */
export function buildXStateTwin(flow: CompiledFlow): AnyStateMachine {
  const { spec } = flow;
  const states: Record<string, TwinState> = {};
  for (const [id, state] of Object.entries(spec.states)) states[id] = buildState(flow, id, state);
  return setup<TwinContext, TwinEvent, {}, {}, {}, {}, never, string, TwinInput>({}).createMachine({
    id: spec.id,
    initial: spec.initial,
    context: ({ input }) => ({ facts: input.facts, locale: input.locale, slots: {}, attempts: {}, effects: [] }),
    states,
  });
}

function buildState(flow: CompiledFlow, id: string, state: StateSpec): TwinState {
  if (state.final) return { type: 'final', entry: sayAction(flow, state.say ?? [], true) };
  const inactivityMs = state.inactivity ? parseDuration(state.inactivity.after) : undefined;
  const timer = `inactivity:${id}`;
  const entry = [sayAction(flow, state.say ?? [], false)];
  if (inactivityMs !== undefined) {
    entry.push(twinAssign(({ context, event }: Args) => ({ effects: [...context.effects, { type: 'schedule', timer, at: new Date(event.now.getTime() + inactivityMs).toISOString() }] })));
  }
  const exit = inactivityMs === undefined ? [] : [twinAssign(({ context }: Args) => ({ effects: [...context.effects, { type: 'cancel_schedule', timer }] }))];
  const on: Record<string, TwinTransition[]> = {};
  const add = (key: string, ...list: TwinTransition[]): void => {
    (on[key] ??= []).push(...list);
  };
  for (const t of state.on ?? []) {
    for (const intent of t.intent ?? []) add(`intent:${intent}`, ...candidates(flow, id, state, { ...t, via: 'on', trigger: `intent:${intent}` }));
    for (const event of t.event ?? []) add(`event:${event}`, ...candidates(flow, id, state, { ...t, via: 'on', trigger: `event:${event}` }));
  }
  const overrides = state.overrides ?? {};
  for (const [key, h] of Object.entries(overrides)) add(keyOf(key), ...candidates(flow, id, state, { ...h, via: 'override', trigger: keyOf(key) }));
  for (const [key, h] of Object.entries(flow.spec.globals ?? {})) {
    if (!(key in overrides)) add(keyOf(key), ...candidates(flow, id, state, { ...h, via: 'global', trigger: keyOf(key) }));
  }
  if (state.otherwise) {
    add('*', ...candidates(flow, id, state, { ...state.otherwise, via: 'otherwise', trigger: 'otherwise' }, true));
  }
  if (state.inactivity) add(`timeout:${timer}`, transitionOf(flow, id, state, { ...state.inactivity, via: 'inactivity', trigger: `timeout:${timer}` }));
  const always = state.always === undefined ? [] : Array.isArray(state.always) ? state.always : [state.always];
  return {
    entry,
    exit,
    on,
    ...(always.length > 0 ? { always: always.map((a) => transitionOf(flow, id, state, { ...a, via: 'always', trigger: 'always' })) } : {}),
  };
}

function keyOf(key: string): string {
  return key.startsWith('event:') ? key : `intent:${key}`;
}

/** One handler as XState candidates: with attempt counting and the retry swap when it re-enters or is `otherwise`. */
function candidates(flow: CompiledFlow, id: string, state: StateSpec, h: Handler, isOtherwise = false): TwinTransition[] {
  const counts = isOtherwise || h.target === id;
  const own = guardOf(flow, id, state, h);
  // `*` also sees unmatched timers and system events; only messages fall through to `otherwise`.
  const base: TwinGuard = isOtherwise ? (args) => args.event.type.startsWith('intent:') && own(args) : own;
  const plain = { ...transitionOf(flow, id, state, h, counts), guard: base };
  if (!counts || !state.retries) return [plain];
  const max = state.retries.max;
  const retry = transitionOf(flow, id, state, { ...state.retries, via: 'retries', trigger: 'retries' });
  return [{ ...retry, guard: (args: Args) => base(args) && (args.context.attempts[id] ?? 0) + 1 >= max }, plain];
}

function transitionOf(flow: CompiledFlow, id: string, state: StateSpec, h: Handler, countsAttempt = false): TwinTransition {
  const to = h.target ?? id;
  const actions = [
    twinAssign(({ context, event }: Args) => {
      const slots = fillAsk(state, context.slots, event);
      const attempts = { ...context.attempts };
      if (countsAttempt) attempts[id] = (attempts[id] ?? 0) + 1;
      if (h.via === 'retries' || (h.target !== undefined && h.target !== id)) delete attempts[id];
      const effects: Effect[] = [...context.effects, { type: 'audit', code: 'FLOW.TRANSITION', data: { from: id, to, trigger: h.trigger, via: h.via } }];
      let next: TwinContext = { ...context, slots, attempts, effects };
      for (const name of h.actions ?? []) {
        const result = flow.registry.actions[name]?.run(stepContextOf(next, event, id));
        if (result?.slots) next = { ...next, slots: { ...next.slots, ...result.slots } };
        if (result?.effects) next = { ...next, effects: [...next.effects, ...result.effects] };
      }
      return next;
    }),
    sayAction(flow, h.say ?? [], false),
  ];
  const guard = guardOf(flow, id, state, h);
  return { actions, ...(h.target ? { target: h.target, reenter: h.target === id } : {}), guard };
}

function guardOf(flow: CompiledFlow, id: string, state: StateSpec, h: Handler): TwinGuard {
  const tests: Array<[(ctx: StepContext) => boolean, boolean]> = [];
  if (h.guard) tests.push([flow.registry.guards[h.guard] ?? (() => false), false]);
  if (h.unless) tests.push([flow.registry.guards[h.unless] ?? (() => false), true]);
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

function sayAction(flow: CompiledFlow, keys: readonly string[], final: boolean) {
  return twinAssign(({ context }: Args) => {
    const effects = [...context.effects];
    const table = resolveLocaleTemplates(flow, context.locale);
    const format = { locale: context.locale, timeZone: context.facts.debtor.timeZone, formatters: flow.caches.formatters };
    for (const key of keys) {
      const template = table.get(key);
      if (template) effects.push({ type: 'say', template: key, text: renderTemplate(template, context.facts, context.slots, format, effects) });
    }
    if (final) effects.push({ type: 'end' });
    return { effects };
  });
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
