/** The engine's public surface, so callers import from one place. Pure re-exports. */
export { parseFlow } from './parseFlow';
export { step } from './step';
export { createSession } from './createSession';
export { createBaseRegistry } from './createBaseRegistry';
export { mergeRegistries } from './mergeRegistries';
export { formatFlowError } from './formatFlowError';
export { renderFlowGraph } from './renderFlowGraph';
export type { CompiledFlow, FlowError, ParseFlowResult } from './compiledFlow';
export type { MergeRegistriesResult } from './mergeRegistries';
export type * from './types';
