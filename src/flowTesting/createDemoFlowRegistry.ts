import { createBaseRegistry } from '../core/engine/createBaseRegistry';
import { mergeRegistries } from '../core/engine/mergeRegistries';
import type { Registry } from '../core/engine/types';
import { createDemoRegistry } from '../demo/createDemoRegistry';

/**
 * The registry the default flows are checked and run against in tests, the chat and the benchmark:
 * the engine's base registry plus the plain demo registry. A duplicate name is a wiring bug and throws. Pure.
 */
export function createDemoFlowRegistry(): Registry {
  const merged = mergeRegistries(createBaseRegistry(), createDemoRegistry());
  if (!merged.ok) throw new Error(merged.error.message);
  return merged.registry;
}
