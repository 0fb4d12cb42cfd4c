import { recognize } from '../core/nlu/recognize';
import type { Interpreter } from '../ports/interpreter';

/** The default Interpreter: the deterministic es/en rules recognizer behind the async port. No I/O. */
export function createRulesInterpreter(): Interpreter {
  return async (text, ctx) => recognize(text, ctx);
}
