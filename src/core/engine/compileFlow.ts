import { createHash } from 'node:crypto';
import { CANONICAL_INTENTS } from '../nlu/intents';
import { parseDuration } from './parseDuration';
import { parseTemplate } from './parseTemplate';
import type { FlowSpec, StateSpec } from './flowSchema';
import type { CompiledFlow, CompiledHandler, CompiledState, CompiledTemplate, HandlerVia } from './compiledFlow';
import type { Registry } from './types';

interface HandlerLike {
  say?: string[];
  actions?: string[];
  guard?: string;
  unless?: string;
  target?: string;
}

function compileHandler(spec: HandlerLike, via: HandlerVia, registry: Registry): CompiledHandler {
  const guards = [];
  for (const [name, negate] of [[spec.guard, false], [spec.unless, true]] as const) {
    const test = name === undefined ? undefined : registry.guards[name];
    if (name !== undefined && test !== undefined) guards.push({ name, negate, test });
  }
  const actions = [];
  for (const name of spec.actions ?? []) {
    const def = registry.actions[name];
    if (def !== undefined) actions.push({ name, run: def.run });
  }
  return { via, guards, actions, say: spec.say ?? [], ...(spec.target === undefined ? {} : { target: spec.target }) };
}

/** Global keys are written `opt_out` (an intent) or `event:payment_received`; the engine keys both the same way. */
function toTriggerKey(key: string): string {
  return key.startsWith('event:') ? key : `intent:${key}`;
}

function compileHandlers(state: StateSpec, globals: FlowSpec['globals'], registry: Registry): Map<string, CompiledHandler[]> {
  const handlers = new Map<string, CompiledHandler[]>();
  const add = (key: string, handler: CompiledHandler): void => {
    const list = handlers.get(key);
    if (list) list.push(handler);
    else handlers.set(key, [handler]);
  };
  for (const t of state.on ?? []) {
    const handler = compileHandler(t, 'on', registry);
    for (const intent of t.intent ?? []) add(`intent:${intent}`, handler);
    for (const event of t.event ?? []) add(`event:${event}`, handler);
  }
  const overrides = state.overrides ?? {};
  for (const [key, spec] of Object.entries(overrides)) add(toTriggerKey(key), compileHandler(spec, 'override', registry));
  for (const [key, spec] of Object.entries(globals ?? {})) {
    // An override replaces the global for that key in this state, even when the override's guard fails.
    if (!(key in overrides)) add(toTriggerKey(key), compileHandler(spec, 'global', registry));
  }
  return handlers;
}

function compileState(id: string, spec: StateSpec, globals: FlowSpec['globals'], registry: Registry): CompiledState {
  const always = spec.always === undefined ? [] : Array.isArray(spec.always) ? spec.always : [spec.always];
  const afterMs = spec.inactivity === undefined ? undefined : parseDuration(spec.inactivity.after);
  return {
    id,
    final: spec.final === true,
    offer: spec.offer === true,
    say: spec.say ?? [],
    ...(spec.ask === undefined ? {} : { ask: spec.ask }),
    handlers: compileHandlers(spec, globals, registry),
    ...(spec.otherwise === undefined ? {} : { otherwise: compileHandler(spec.otherwise, 'otherwise', registry) }),
    ...(spec.unmatched === undefined ? {} : { unmatched: { as: spec.unmatched.as, except: new Set(spec.unmatched.except ?? []) } }),
    ...(spec.retries === undefined ? {} : { retries: { max: spec.retries.max, handler: compileHandler(spec.retries, 'retries', registry) } }),
    ...(spec.inactivity === undefined || afterMs === undefined
      ? {}
      : { inactivity: { afterMs, timer: `inactivity:${id}`, handler: compileHandler(spec.inactivity, 'inactivity', registry) } }),
    always: always.map((a) => compileHandler(a, 'always', registry)),
  };
}

function compileTemplates(spec: FlowSpec): Map<string, Map<string, CompiledTemplate>> {
  const byLocale = new Map<string, Map<string, CompiledTemplate>>();
  for (const [locale, table] of Object.entries(spec.templates)) {
    const compiled = new Map<string, CompiledTemplate>();
    for (const [key, text] of Object.entries(table)) {
      const parsed = parseTemplate(text);
      // checkFlow rejects malformed templates before this runs; keep the text literal if one slips through.
      compiled.set(key, { key, parts: parsed.ok ? parsed.parts : [{ kind: 'text', text }] });
    }
    byLocale.set(locale, compiled);
  }
  return byLocale;
}

/** sha256 of the file text, first 12 hex digits: the flow version a conversation stays on. Pure. */
function hashFlowSource(source: string): string {
  return createHash('sha256').update(source).digest('hex').slice(0, 12);
}

/**
 * Turns a validated flow into the precomputed form step() runs on: handler lists per trigger already in
 * matching order, pre-split templates, durations in ms. Assumes checkFlow found no errors. Pure.
 */
export function compileFlow(spec: FlowSpec, source: string, fileName: string, registry: Registry): CompiledFlow {
  const states = new Map<string, CompiledState>();
  for (const [id, state] of Object.entries(spec.states)) states.set(id, compileState(id, state, spec.globals, registry));
  return {
    id: spec.id,
    version: hashFlowSource(source),
    fileName,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    locales: spec.locales,
    initial: spec.initial,
    states,
    templates: compileTemplates(spec),
    registry,
    refiners: (spec.refine ?? []).flatMap((name) => {
      const run = registry.refiners?.[name];
      return run === undefined ? [] : [{ name, run }];
    }),
    intents: new Set([...CANONICAL_INTENTS, ...(spec.intents ?? [])]),
    spec,
    caches: { templatesByLocale: new Map(), formatters: new Map() },
  };
}
