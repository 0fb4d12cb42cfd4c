import { CANONICAL_INTENTS } from '../../core/nlu/intents';

/** Intents every state accepts (flow globals), on top of what the current state expects. */
export const GLOBAL_INTENTS = ['opt_out', 'human_agent', 'help', 'wrong_person', 'abuse', 'unknown'] as const;

/**
 * The intents the model may choose from: the state's expected intents plus the global ones, or every
 * canonical intent when the state does not say. Pure.
 */
export function allowedIntents(expected: readonly string[] | undefined, globals: readonly string[] = GLOBAL_INTENTS): string[] {
  if (!expected || expected.length === 0) return [...CANONICAL_INTENTS];
  return [...new Set([...expected, ...globals, 'unknown'])];
}
