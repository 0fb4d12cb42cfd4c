import type { Interpretation, NluContext } from '../core/nlu/types';

/**
 * What the pipeline tells an interpreter besides the text: personal data to redact before any text leaves
 * (names and account ids/documents from the facts) and how many LLM calls this conversation has made so far.
 * The rules interpreter ignores it.
 */
export interface InterpretOptions {
  knownNames?: string[];
  knownAccounts?: string[];
  llmCallsSoFar?: number;
}

/**
 * Turns an utterance into an interpretation. The rules recognizer is the default; the LLM issue plugs in a
 * guarded implementation with the same shape (its result may carry a `trace` object, recorded in the audit).
 * Implementations may do I/O (an LLM call), hence the Promise. The pipeline calls it outside any transaction.
 */
export type Interpreter = (text: string, ctx: NluContext, opts?: InterpretOptions) => Promise<Interpretation>;
