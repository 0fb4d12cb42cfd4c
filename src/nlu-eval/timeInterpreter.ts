import type { EvaluationItem } from '../core/nlu/evaluationItemSchema';
import { contextFor } from '../core/nlu/scoreEvaluation';
import type { EvaluationOptions } from '../core/nlu/scoreEvaluation';
import type { NluContext } from '../core/nlu/types';

/** An interpreter whose cost per message is timed; only a synchronous one (the rules) gives a true figure. */
export type TimedInterpreter = (text: string, ctx: NluContext) => unknown;

/**
 * Mean CPU time per message (µs) of a synchronous interpreter (the rules recognizer) over the items: passes over the whole file after
 * one warm-up pass, until about 200 ms of CPU or 50 passes. CPU time of this process, not wall time, so other
 * processes on the machine disturb it less. Reads the process's CPU clock.
 */
export function timeInterpreter(items: readonly EvaluationItem[], interpret: TimedInterpreter, options: EvaluationOptions): { microsPerMessage: number; calls: number } {
  const contexts = items.map((item) => contextFor(item, options));
  const pass = (): void => {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const ctx = contexts[i];
      if (item && ctx) interpret(item.text, ctx);
    }
  };
  pass();
  const start = process.cpuUsage();
  let calls = 0;
  let used = 0;
  while (calls === 0 || (used < 200_000 && calls < 50 * items.length)) {
    pass();
    calls += items.length;
    const elapsed = process.cpuUsage(start);
    used = elapsed.user + elapsed.system;
  }
  return { microsPerMessage: calls > 0 ? used / calls : 0, calls };
}
