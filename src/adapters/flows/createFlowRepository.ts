import { loadFlowsFromDir } from './loadFlowsFromDir';
import type { CompiledFlow, FlowError } from '../../core/engine/compiledFlow';
import type { Registry } from '../../core/engine/types';

export type ReloadResult =
  | { ok: true; flows: { id: string; version: string; file: string }[]; changed: string[] }
  | { ok: false; errors: FlowError[] };

/** Every flow version loaded since start; conversations stay on the version they began with. */
export interface FlowRepository {
  /** Re-reads the folder; swaps in the new set only when every file is valid, else keeps the last good set. */
  reload(): Promise<ReloadResult>;
  /** The newest good version of a flow. */
  current(flowId: string): CompiledFlow | undefined;
  /**
   * A specific version (what a session's flowId + flowVersion point at), even after newer ones loaded;
   * the current one when no version is given (the FlowSource port).
   */
  get(flowId: string, version?: string): CompiledFlow | undefined;
  /** The first current flow declaring this locale or its language (es-CO → es). */
  currentForLocale(locale: string): CompiledFlow | undefined;
  /** All current flows. */
  list(): CompiledFlow[];
}

function languageOf(locale: string): string {
  return locale.split('-')[0] ?? locale;
}

/**
 * A flow repository over a folder of flows (flows/*.yaml) and a registry. Nothing is read until the first
 * reload(). I/O happens in reload only.
 */
export function createFlowRepository(options: { dir: string; registry: Registry }): FlowRepository {
  const versions = new Map<string, CompiledFlow>();
  let current = new Map<string, CompiledFlow>();
  let pending: Promise<ReloadResult> = Promise.resolve({ ok: true, flows: [], changed: [] });

  async function load(): Promise<ReloadResult> {
    const result = await loadFlowsFromDir(options.dir, options.registry);
    if (!result.ok) return result;
    const next = new Map<string, CompiledFlow>();
    const changed: string[] = [];
    for (const flow of result.flows) {
      const key = `${flow.id}@${flow.version}`;
      const known = versions.get(key);
      // Keep the instance already loaded so its caches (templates per locale, Intl formatters) stay warm.
      next.set(flow.id, known ?? flow);
      if (known === undefined) versions.set(key, flow);
      if (current.get(flow.id)?.version !== flow.version) changed.push(flow.id);
    }
    current = next;
    return { ok: true, flows: result.flows.map((f) => ({ id: f.id, version: f.version, file: f.fileName })), changed };
  }

  return {
    reload() {
      // Serialize reloads so two overlapping calls cannot swap sets out of order.
      pending = pending.then(load, load);
      return pending;
    },
    current: (flowId) => current.get(flowId),
    get: (flowId, version) => (version === undefined ? current.get(flowId) : versions.get(`${flowId}@${version}`)),
    currentForLocale(locale) {
      const flows = [...current.values()];
      return (
        flows.find((f) => f.locales.includes(locale)) ??
        flows.find((f) => f.locales.some((l) => languageOf(l) === languageOf(locale)))
      );
    },
    list: () => [...current.values()],
  };
}
