import type { Registry } from '../core/engine/types';
import { createFlowRegistry } from '../createFlowRegistry';

/**
 * The registry conversation tests, the chat, the benchmark and the adversarial corpus run the default flows
 * against: the production registry (createFlowRegistry) with its default options. Pure.
 */
export function createDemoFlowRegistry(): Registry {
  return createFlowRegistry();
}
