import { createCollectionsRegistry, type CollectionsRegistryOptions } from './core/collections/registry/createCollectionsRegistry';
import { createBaseRegistry } from './core/engine/createBaseRegistry';
import { mergeRegistries } from './core/engine/mergeRegistries';
import type { Registry } from './core/engine/types';

export type FlowRegistryOptions = CollectionsRegistryOptions;

/**
 * The one production registry every flow is loaded, checked, graphed, tested and run against: the engine's base
 * registry plus the collections registry (with `options`, e.g. { verificationLockMinutes: config.VERIFICATION_LOCK_MINUTES }).
 * A name registered twice is a wiring bug and throws. Build one per process (the collections entries memoise
 * parsed facts). Pure.
 */
export function createFlowRegistry(options: FlowRegistryOptions = {}): Registry {
  const merged = mergeRegistries(createBaseRegistry(), createCollectionsRegistry(options));
  if (!merged.ok) throw new Error(`${merged.error.code}: ${merged.error.message}`);
  return merged.registry;
}
