import type { CompiledFlow } from '../core/engine/compiledFlow';

/**
 * Where the pipeline gets compiled flows (the FlowRepository of src/adapters/flows satisfies it): the newest
 * version of a flow id, or a given version so that a conversation stays on the version it started on.
 * No I/O (flows are loaded and kept in memory).
 */
export interface FlowSource {
  current(flowId: string): CompiledFlow | undefined;
  get(flowId: string, version: string): CompiledFlow | undefined;
}
