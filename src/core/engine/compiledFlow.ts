import type { FlowSpec, EntityName } from './flowSchema';
import type { Action, Guard, Refiner, Registry } from './types';

/**
 * The shapes parseFlow produces and step consumes. Everything step needs is precomputed here so a step does
 * map lookups only: no YAML, no zod, no template parsing.
 */

/** One piece of a pre-split template: literal text, or a variable with an optional filter. */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'var'; path: readonly string[]; source: string; filter?: TemplateFilter };

export const TEMPLATE_FILTERS = ['money', 'date', 'number', 'percent'] as const;
export type TemplateFilter = (typeof TEMPLATE_FILTERS)[number];

export interface CompiledTemplate {
  key: string;
  parts: readonly TemplatePart[];
}

export interface CompiledGuard {
  name: string;
  negate: boolean;
  test: Guard;
}

export interface CompiledAction {
  name: string;
  run: Action;
}

/** How a handler was reached, for the audit trail and the graph. */
export type HandlerVia = 'on' | 'override' | 'global' | 'otherwise' | 'retries' | 'inactivity' | 'always';

/** Any reaction the flow defines: a transition, a global, otherwise, retries, inactivity or always. */
export interface CompiledHandler {
  via: HandlerVia;
  guards: readonly CompiledGuard[];
  actions: readonly CompiledAction[];
  say: readonly string[];
  target?: string;
}

export interface CompiledState {
  id: string;
  final: boolean;
  /** Declared `offer: true`: an offer waits for the debtor's answer in this state. */
  offer: boolean;
  say: readonly string[];
  ask?: { entity: EntityName; slot: string };
  /**
   * Candidate handlers per trigger key (`intent:NAME` or `event:NAME`), already in matching order:
   * the state's own `on` transitions, then its override or else the global for that key.
   */
  handlers: ReadonlyMap<string, readonly CompiledHandler[]>;
  otherwise?: CompiledHandler;
  /** `unmatched:` — a message no transition takes is served by this other state's `on`, except these intents. */
  unmatched?: { as: string; except: ReadonlySet<string> };
  retries?: { max: number; handler: CompiledHandler };
  inactivity?: { afterMs: number; timer: string; handler: CompiledHandler };
  always: readonly CompiledHandler[];
}

/** Memo tables a flow carries so that formatting and locale resolution happen once per locale. */
export interface FlowCaches {
  /** Template table per session locale, after regional → language → first declared locale fallback. */
  templatesByLocale: Map<string, ReadonlyMap<string, CompiledTemplate>>;
  /** Intl formatters keyed by kind + locale (+ currency/time zone). */
  formatters: Map<string, Intl.NumberFormat | Intl.DateTimeFormat>;
}

/** A validated, precompiled flow bound to the registry it was checked against. */
export interface CompiledFlow {
  id: string;
  /** sha256 of the source text, first 12 hex digits. */
  version: string;
  fileName: string;
  description?: string;
  locales: readonly string[];
  initial: string;
  states: ReadonlyMap<string, CompiledState>;
  /** Templates as written, per locale key of the file (es, es-MX …). */
  templates: ReadonlyMap<string, ReadonlyMap<string, CompiledTemplate>>;
  registry: Registry;
  /** The refiners named under `refine:`, in order, and the intents they may produce (canonical + declared). */
  refiners: ReadonlyArray<{ name: string; run: Refiner }>;
  intents: ReadonlySet<string>;
  /** The validated YAML, for tools such as the graph exporter. */
  spec: FlowSpec;
  caches: FlowCaches;
}

/** One problem found while loading a flow, located in the file. */
export interface FlowError {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

export type ParseFlowResult = { ok: true; flow: CompiledFlow } | { ok: false; errors: FlowError[] };
