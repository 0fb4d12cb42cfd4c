import type { HandlerVia } from './compiledFlow';
import type { FlowSpec } from './flowSchema';

/** The parts every kind of handler shares, as written in YAML. */
export interface HandlerFields {
  say?: string[];
  actions?: string[];
  guard?: string;
  unless?: string;
  target?: string;
}

/** One place in a flow file that reacts to something, with where it is written. */
export interface HandlerSite {
  /** The state it belongs to, or null for `globals`. */
  state: string | null;
  path: (string | number)[];
  via: HandlerVia;
  fields: HandlerFields;
  /** Trigger keys it answers (`intent:help`, `event:payment_received`); empty for otherwise/retries/… */
  keys: string[];
  /** Whether a debtor message triggers it (so the state's `ask` slot is already filled). */
  byMessage: boolean;
}

function keyOf(raw: string): string {
  return raw.startsWith('event:') ? raw : `intent:${raw}`;
}

/**
 * Every handler of a flow (transitions, always, otherwise, retries, inactivity, overrides, globals) in file
 * order, so checks, the graph and the compiler walk one list. Pure.
 */
export function listFlowHandlers(spec: FlowSpec): HandlerSite[] {
  const sites: HandlerSite[] = [];
  for (const [key, fields] of Object.entries(spec.globals ?? {})) {
    sites.push({ state: null, path: ['globals', key], via: 'global', fields, keys: [keyOf(key)], byMessage: !key.startsWith('event:') });
  }
  for (const [id, state] of Object.entries(spec.states)) {
    const base = ['states', id];
    (state.on ?? []).forEach((t, i) => {
      const keys = [...(t.intent ?? []).map((n) => `intent:${n}`), ...(t.event ?? []).map((n) => `event:${n}`)];
      sites.push({ state: id, path: [...base, 'on', i], via: 'on', fields: t, keys, byMessage: t.intent !== undefined });
    });
    if (Array.isArray(state.always)) {
      state.always.forEach((a, i) => sites.push({ state: id, path: [...base, 'always', i], via: 'always', fields: a, keys: [], byMessage: false }));
    } else if (state.always) {
      sites.push({ state: id, path: [...base, 'always'], via: 'always', fields: state.always, keys: [], byMessage: false });
    }
    if (state.otherwise) sites.push({ state: id, path: [...base, 'otherwise'], via: 'otherwise', fields: state.otherwise, keys: [], byMessage: true });
    if (state.retries) sites.push({ state: id, path: [...base, 'retries'], via: 'retries', fields: state.retries, keys: [], byMessage: true });
    if (state.inactivity) {
      sites.push({ state: id, path: [...base, 'inactivity'], via: 'inactivity', fields: state.inactivity, keys: [], byMessage: false });
    }
    for (const [key, fields] of Object.entries(state.overrides ?? {})) {
      sites.push({ state: id, path: [...base, 'overrides', key], via: 'override', fields, keys: [keyOf(key)], byMessage: !key.startsWith('event:') });
    }
  }
  return sites;
}
