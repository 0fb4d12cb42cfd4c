import { parseTemplate } from './parseTemplate';
import type { HandlerVia } from './compiledFlow';
import type { ErrorSink } from './createErrorSink';
import type { FlowSpec } from './flowSchema';
import type { HandlerFields, HandlerSite } from './listFlowHandlers';
import type { Registry } from './types';

type Slots = ReadonlySet<string>;

const VIA_WORDS: Readonly<Record<HandlerVia, string>> = {
  on: 'transition',
  override: 'override',
  global: 'global',
  otherwise: 'otherwise',
  retries: 'retries handler',
  inactivity: 'inactivity handler',
  always: 'always transition',
};

/** Slots each template key reads (`{{slots.X}}`), across every locale that defines it. */
function templateSlotReads(spec: FlowSpec): Map<string, Set<string>> {
  const reads = new Map<string, Set<string>>();
  for (const table of Object.values(spec.templates)) {
    for (const [key, text] of Object.entries(table)) {
      const parsed = parseTemplate(text);
      if (!parsed.ok) continue;
      const set = reads.get(key) ?? new Set<string>();
      for (const part of parsed.parts) if (part.kind === 'var' && part.path[0] === 'slots' && part.path[1] !== undefined) set.add(part.path[1]);
      reads.set(key, set);
    }
  }
  return reads;
}

interface Analysis {
  spec: FlowSpec;
  registry: Registry;
  sitesByState: Map<string, HandlerSite[]>;
  entry: Map<string, Set<string>>;
}

function writesOf(fields: HandlerFields, registry: Registry): string[] {
  return (fields.actions ?? []).flatMap((a) => [...(registry.actions[a]?.writes ?? [])]);
}

/** Handlers that can fire in a state: its own, plus globals it does not override (none in final states). */
function sitesIn(spec: FlowSpec, id: string, own: readonly HandlerSite[], globals: readonly HandlerSite[]): HandlerSite[] {
  const state = spec.states[id];
  if (state === undefined || state.final === true) return [];
  const overrides = state.overrides ?? {};
  return [...own, ...globals.filter((g) => !(String(g.path[1]) in overrides))];
}

/** What may be filled while sitting in a state after a message: entry ∪ ask ∪ writes of handlers that stay. */
function available(a: Analysis, id: string): Set<string> {
  const set = new Set(a.entry.get(id) ?? []);
  const ask = a.spec.states[id]?.ask?.slot;
  if (ask !== undefined) set.add(ask);
  for (const site of a.sitesByState.get(id) ?? []) if (site.fields.target === undefined) for (const w of writesOf(site.fields, a.registry)) set.add(w);
  return set;
}

function baseFor(a: Analysis, id: string, site: HandlerSite): Set<string> {
  const base = site.via === 'always' || !site.byMessage ? new Set(a.entry.get(id) ?? []) : available(a, id);
  for (const w of writesOf(site.fields, a.registry)) base.add(w);
  return base;
}

/** May-analysis: the slots that some path from `initial` can have filled when entering each state. */
function propagate(a: Analysis): void {
  const queue = [a.spec.initial];
  a.entry.set(a.spec.initial, new Set());
  while (queue.length > 0) {
    const id = queue.pop() ?? '';
    for (const site of a.sitesByState.get(id) ?? []) {
      const target = site.fields.target;
      if (target === undefined || !(target in a.spec.states)) continue;
      const from = baseFor(a, id, site);
      const into = a.entry.get(target) ?? new Set<string>();
      const before = into.size;
      for (const slot of from) into.add(slot);
      if (!a.entry.has(target) || into.size > before) {
        a.entry.set(target, into);
        queue.push(target);
      }
    }
  }
}

/**
 * Reports `{{slots.X}}` in a said template, and guard inputs, that no `ask` or action `writes` can have filled
 * on any path reaching that point. Pure apart from adding to the sink.
 */
export function checkSlots(spec: FlowSpec, sites: readonly HandlerSite[], registry: Registry, sink: ErrorSink): void {
  if (!(spec.initial in spec.states)) return;
  const reads = templateSlotReads(spec);
  const globals = sites.filter((s) => s.state === null);
  const sitesByState = new Map<string, HandlerSite[]>();
  for (const id of Object.keys(spec.states)) sitesByState.set(id, sitesIn(spec, id, sites.filter((s) => s.state === id), globals));
  const a: Analysis = { spec, registry, sitesByState, entry: new Map() };
  propagate(a);
  const reported = new Set<string>();
  const check = (keys: readonly string[], path: (string | number)[], have: Slots, where: string): void => {
    keys.forEach((key, i) => {
      for (const slot of reads.get(key) ?? []) {
        const id = `${path.join('.')}|${i}|${slot}`;
        if (have.has(slot) || reported.has(id)) continue;
        reported.add(id);
        sink.add('FLOW.SLOT_NOT_FILLED', [...path, i], `template '${key}' reads slots.${slot}, but nothing fills '${slot}' before ${where}. Add ask: { entity: …, slot: ${slot} } to an earlier state, or an action that writes it`);
      }
    });
  };
  const checkGuards = (site: HandlerSite, have: Slots, where: string): void => {
    for (const field of ['guard', 'unless'] as const) {
      const name = site.fields[field];
      for (const slot of name === undefined ? [] : (registry.guardReads?.[name] ?? [])) {
        const id = `${site.path.join('.')}|${field}|${slot}`;
        if (have.has(slot) || reported.has(id)) continue;
        reported.add(id);
        sink.add('FLOW.SLOT_NOT_FILLED', [...site.path, field], `guard '${name}' reads slots.${slot}, but nothing fills '${slot}' before ${where}. Add ask: { entity: …, slot: ${slot} } to an earlier state, or an action that writes it`);
      }
    }
  };
  for (const [id, entry] of a.entry) {
    check(spec.states[id]?.say ?? [], ['states', id, 'say'], entry, `state '${id}' is entered`);
    for (const site of sitesByState.get(id) ?? []) {
      const where = site.state === null ? `global '${String(site.path[1])}' fires in state '${id}'` : `this ${VIA_WORDS[site.via]} in state '${id}' runs`;
      const guardBase = site.via === 'always' || !site.byMessage ? entry : available(a, id);
      checkGuards(site, guardBase, where);
      check(site.fields.say ?? [], [...site.path, 'say'], baseFor(a, id, site), where);
    }
  }
}
