import { listFlowHandlers, type HandlerSite } from '../core/engine/listFlowHandlers';
import type { FlowSpec } from '../core/engine/flowSchema';
import type { Effect } from '../core/engine/types';

/** A transition the engine reported taking (the data of a FLOW.TRANSITION audit). */
export interface TakenTransition {
  from: string | null;
  to: string;
  trigger: string;
  via: string;
}

export interface FlowCoverage {
  states: { total: number; missing: string[] };
  /** Handlers are transitions, always, otherwise, retries, inactivity, overrides (per state) and globals (once). */
  handlers: { total: number; missing: string[] };
}

/** The FLOW.TRANSITION audits among effects, as data. Pure. */
export function takenTransitionsOf(effects: readonly Effect[]): TakenTransition[] {
  const taken: TakenTransition[] = [];
  for (const effect of effects) {
    if (effect.type !== 'audit' || effect.code !== 'FLOW.TRANSITION' || !effect.data) continue;
    const { from, to, trigger, via } = effect.data;
    if (typeof to !== 'string' || typeof trigger !== 'string' || typeof via !== 'string') continue;
    taken.push({ from: typeof from === 'string' ? from : null, to, trigger, via });
  }
  return taken;
}

/**
 * Which states were never reached and which handlers were never taken, given every transition the tests saw.
 * A handler is identified by state, kind, trigger and target; when two handlers share all four, taking one
 * counts for both (the audit cannot tell them apart). Pure.
 */
export function computeFlowCoverage(spec: FlowSpec, taken: readonly TakenTransition[]): FlowCoverage {
  const reached = new Set(taken.map((t) => t.to));
  const sites = listFlowHandlers(spec);
  const covered = new Set<HandlerSite>();
  for (const t of taken) for (const site of sites) if (matches(site, t)) covered.add(site);
  return {
    states: { total: Object.keys(spec.states).length, missing: Object.keys(spec.states).filter((s) => !reached.has(s)) },
    handlers: { total: sites.length, missing: sites.filter((s) => !covered.has(s)).map(describeSite) },
  };
}

function matches(site: HandlerSite, t: TakenTransition): boolean {
  if (site.via !== t.via || t.from === null) return false;
  if (site.state !== null && site.state !== t.from) return false;
  if ((site.fields.target ?? t.from) !== t.to) return false;
  return site.keys.length === 0 || site.keys.includes(t.trigger);
}

function describeSite(site: HandlerSite): string {
  const where = site.path.join('.');
  const what = site.keys.length > 0 ? ` (${site.keys.join(', ')})` : '';
  return `${where}${what}${site.fields.target ? ` → ${site.fields.target}` : ''}`;
}
