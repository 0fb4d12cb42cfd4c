import { listFlowHandlers } from './listFlowHandlers';
import type { CompiledFlow } from './compiledFlow';
import type { HandlerSite } from './listFlowHandlers';

interface Edge {
  from: string;
  to: string;
  label: string;
  global: boolean;
}

const ANY = '__any';

function triggerLabel(site: HandlerSite, flow: CompiledFlow): string {
  switch (site.via) {
    case 'always':
      return 'always';
    case 'otherwise':
      return 'otherwise';
    case 'retries':
      return `[retry] after ${flow.spec.states[site.state ?? '']?.retries?.max ?? '?'} attempts`;
    case 'inactivity':
      return `[timeout] ${flow.spec.states[site.state ?? '']?.inactivity?.after ?? ''}`;
    default:
      return site.keys.map((k) => (k.startsWith('event:') ? `event ${k.slice(6)}` : k.slice(7))).join(', ');
  }
}

function edgeLabel(site: HandlerSite, flow: CompiledFlow): string {
  const parts = [triggerLabel(site, flow)];
  if (site.fields.guard !== undefined) parts.push(`[${site.fields.guard}]`);
  if (site.fields.unless !== undefined) parts.push(`[not ${site.fields.unless}]`);
  if (site.via === 'global') parts.push('[global]');
  if (site.via === 'override') parts.push('[override]');
  if (site.fields.target === undefined) parts.push('(stay)');
  return parts.join(' ');
}

function collectEdges(flow: CompiledFlow): Edge[] {
  return listFlowHandlers(flow.spec).map((site) => {
    const from = site.state ?? ANY;
    return { from, to: site.fields.target ?? from, label: edgeLabel(site, flow), global: site.state === null };
  });
}

function mermaidId(name: string): string {
  return name === ANY ? ANY : name.replace(/[^A-Za-z0-9_]/g, '_');
}

function renderMermaid(flow: CompiledFlow, edges: readonly Edge[]): string {
  const lines = ['stateDiagram-v2', `  %% ${flow.id} version ${flow.version}`];
  for (const id of flow.states.keys()) if (mermaidId(id) !== id) lines.push(`  state "${id}" as ${mermaidId(id)}`);
  if (edges.some((e) => e.global)) lines.push(`  state "any state" as ${ANY}`);
  lines.push(`  [*] --> ${mermaidId(flow.initial)}`);
  for (const e of edges) lines.push(`  ${mermaidId(e.from)} --> ${mermaidId(e.to)} : ${e.label.replace(/[:;]/g, ' ')}`);
  for (const state of flow.states.values()) if (state.final) lines.push(`  ${mermaidId(state.id)} --> [*]`);
  return `${lines.join('\n')}\n`;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function renderDot(flow: CompiledFlow, edges: readonly Edge[]): string {
  const lines = [`digraph ${quote(flow.id)} {`, `  label=${quote(`${flow.id} ${flow.version}`)};`, '  rankdir=LR;', '  node [shape=box, style=rounded];'];
  lines.push('  "__start" [shape=point];', `  "__start" -> ${quote(flow.initial)};`);
  for (const state of flow.states.values()) lines.push(`  ${quote(state.id)}${state.final ? ' [shape=doublecircle]' : ''};`);
  if (edges.some((e) => e.global)) lines.push(`  ${quote(ANY)} [label="any state", shape=note];`);
  for (const e of edges) {
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(e.label)}${e.global ? ', style=dashed' : ''}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/**
 * Draws a flow as a Mermaid stateDiagram-v2 or a Graphviz dot graph: states, final states, and every
 * transition labelled by intent/event with guard and [retry]/[timeout]/[global] markers. Pure.
 */
export function renderFlowGraph(flow: CompiledFlow, format: 'mermaid' | 'dot'): string {
  const edges = collectEdges(flow);
  return format === 'dot' ? renderDot(flow, edges) : renderMermaid(flow, edges);
}
