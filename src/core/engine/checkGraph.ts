import type { ErrorSink } from './createErrorSink';
import type { FlowSpec } from './flowSchema';
import type { HandlerSite } from './listFlowHandlers';

/** States reachable from `initial` through every kind of transition, globals included. Pure. */
export function findReachableStates(spec: FlowSpec, sites: readonly HandlerSite[]): Set<string> {
  const reachable = new Set<string>();
  if (!(spec.initial in spec.states)) return reachable;
  const globalTargets = sites.filter((s) => s.state === null && s.fields.target !== undefined).map((s) => s.fields.target ?? '');
  const queue = [spec.initial];
  let globalsAdded = false;
  while (queue.length > 0) {
    const id = queue.pop() ?? '';
    if (reachable.has(id) || !(id in spec.states)) continue;
    reachable.add(id);
    for (const site of sites) if (site.state === id && site.fields.target !== undefined) queue.push(site.fields.target);
    // Globals fire in any non-final state, so their targets are reachable once one such state is.
    if (!globalsAdded && spec.states[id]?.final !== true) {
      globalsAdded = true;
      queue.push(...globalTargets);
    }
  }
  return reachable;
}

function isUnconditional(site: HandlerSite): boolean {
  return site.fields.guard === undefined && site.fields.unless === undefined;
}

function checkAlwaysCycles(spec: FlowSpec, sites: readonly HandlerSite[], sink: ErrorSink): void {
  const next = new Map<string, HandlerSite>();
  for (const site of sites) {
    if (site.via === 'always' && site.state !== null && !next.has(site.state) && isUnconditional(site)) next.set(site.state, site);
  }
  const reported = new Set<string>();
  for (const start of next.keys()) {
    const seen = new Set<string>();
    let current: string | undefined = start;
    while (current !== undefined && !seen.has(current)) {
      seen.add(current);
      current = next.get(current)?.fields.target;
    }
    const site = current === start ? next.get(start) : undefined;
    if (site === undefined || [...seen].some((s) => reported.has(s))) continue;
    reported.add(start);
    sink.add('FLOW.ALWAYS_CYCLE', [...site.path, 'target'], `state '${start}' goes round in a loop of always: transitions (${[...seen, start].join(' → ')}). Add a guard or point one of them elsewhere`);
  }
}

/**
 * Graph checks: unreachable states, non-final states with no transition leaving them, and loops of unguarded
 * `always` transitions. Pure apart from adding to the sink.
 */
export function checkGraph(spec: FlowSpec, sites: readonly HandlerSite[], sink: ErrorSink): void {
  if (spec.initial in spec.states) {
    const reachable = findReachableStates(spec, sites);
    for (const id of Object.keys(spec.states)) {
      if (reachable.has(id)) continue;
      sink.add('FLOW.UNREACHABLE_STATE', ['states', id], `state '${id}' can never be reached from initial state '${spec.initial}': no transition leads to it. Add a transition with target: ${id}, or delete the state`, { key: true });
    }
  }
  for (const [id, state] of Object.entries(spec.states)) {
    if (state.final === true) continue;
    const leaves = sites.some((s) => s.state === id && s.fields.target !== undefined && s.fields.target !== id);
    if (!leaves) {
      sink.add('FLOW.NO_WAY_OUT', ['states', id], `state '${id}' is not final and no transition leaves it, so a conversation would stay here for ever. Add a transition with a target (on, always, otherwise, retries or inactivity) or mark it final: true`, { key: true });
    }
  }
  checkAlwaysCycles(spec, sites, sink);
}
