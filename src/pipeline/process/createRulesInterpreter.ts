import { createRecognizer } from '../../core/nlu/createRecognizer';
import type { Interpreter } from '../../ports/interpreter';

/**
 * The default Interpreter: the deterministic es/en rules recognizer behind the async port. Builds one recognizer
 * (with its own formatter cache) per interpreter, so make one per process. No I/O.
 */
export function createRulesInterpreter(): Interpreter {
  const recognizer = createRecognizer();
  return async (text, ctx) => recognizer(text, ctx);
}
