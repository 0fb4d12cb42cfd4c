import { createCollectionsRegistry } from '../core/collections/registry/createCollectionsRegistry';
import type { Registry } from '../core/engine/types';

/**
 * Kept while main.ts and the pipeline test harness still merge it with the base registry: the default flows now
 * run on the real collections registry, so this is createCollectionsRegistry() with default options. Use
 * createFlowRegistry (src/createFlowRegistry.ts) instead; delete this once nothing imports it. Pure.
 */
export function createDemoRegistry(): Registry {
  return createCollectionsRegistry();
}
