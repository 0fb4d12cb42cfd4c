import type { Interpretation, NluContext } from '../core/nlu/types';

/**
 * Turns an utterance into an interpretation. The rules recognizer is the default; the LLM issue plugs in a
 * guarded implementation with the same shape. Implementations may do I/O (an LLM call), hence the Promise.
 */
export type Interpreter = (text: string, ctx: NluContext) => Promise<Interpretation>;
