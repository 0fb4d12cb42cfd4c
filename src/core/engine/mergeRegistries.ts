import type { ActionDef, Guard, Refiner, Registry } from './types';

export type MergeRegistriesResult =
  | { ok: true; registry: Registry }
  | { ok: false; error: { code: 'REGISTRY.DUPLICATE_NAME'; message: string } };

/**
 * Combines registries (base, collections …) into one. Two entries with the same guard or action name are a
 * wiring bug, returned as REGISTRY.DUPLICATE_NAME rather than letting one silently win. Pure.
 */
export function mergeRegistries(...registries: Registry[]): MergeRegistriesResult {
  const guards: Record<string, Guard> = {};
  const actions: Record<string, ActionDef> = {};
  const guardReads: Record<string, readonly string[]> = {};
  const refiners: Record<string, Refiner> = {};
  for (const registry of registries) {
    for (const [name, guard] of Object.entries(registry.guards)) {
      if (name in guards) return duplicate('guard', name);
      guards[name] = guard;
    }
    for (const [name, action] of Object.entries(registry.actions)) {
      if (name in actions) return duplicate('action', name);
      actions[name] = action;
    }
    for (const [name, refiner] of Object.entries(registry.refiners ?? {})) {
      if (name in refiners) return duplicate('refiner', name);
      refiners[name] = refiner;
    }
    Object.assign(guardReads, registry.guardReads ?? {});
  }
  return { ok: true, registry: { guards, actions, guardReads, refiners } };
}

function duplicate(kind: string, name: string): MergeRegistriesResult {
  return {
    ok: false,
    error: { code: 'REGISTRY.DUPLICATE_NAME', message: `${kind} '${name}' is registered twice; rename one of them` },
  };
}
