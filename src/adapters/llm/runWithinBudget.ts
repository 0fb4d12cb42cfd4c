import { z } from 'zod';
import type { LlmOutcome } from './types';

/** The shape of a zod validation error, thrown by the client when the model's JSON breaks the schema. */
const zodIssues = z.object({ issues: z.array(z.object({ path: z.array(z.unknown()) })) });

export type BudgetResult<T> = { ok: true; value: T } | { ok: false; error: { code: LlmOutcome; message: string } };

/**
 * Runs `task` with an AbortSignal that fires after `budgetMs`, and returns by then at the latest even if the
 * task ignores the signal. Every failure becomes a value with a stable code. Uses a timer; the task does I/O.
 */
export async function runWithinBudget<T>(task: (signal: AbortSignal) => Promise<T>, budgetMs: number): Promise<BudgetResult<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<BudgetResult<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, error: { code: 'LLM.TIMEOUT', message: `no answer within ${budgetMs} ms` } });
    }, budgetMs);
  });
  const attempt = task(controller.signal).then(
    (value): BudgetResult<T> => ({ ok: true, value }),
    (error: unknown): BudgetResult<T> => ({ ok: false, error: classifyLlmError(error, controller.signal.aborted) }),
  );
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Maps what a client or parser threw to an outcome code. Pure. */
export function classifyLlmError(error: unknown, aborted: boolean): { code: LlmOutcome; message: string } {
  const message = error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
  const name = error instanceof Error ? error.name : '';
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  if (aborted || name === 'AbortError' || name === 'TimeoutError') return { code: 'LLM.TIMEOUT', message };
  if (status === 429) return { code: 'LLM.RATE_LIMITED', message };
  if (typeof status === 'number') return { code: 'LLM.HTTP_ERROR', message };
  if (name === 'SyntaxError' || name === 'OutputParserException' || /JSON/.test(message)) return { code: 'LLM.INVALID_JSON', message };
  const validation = zodIssues.safeParse(error);
  if (validation.success) {
    const outOfEnum = validation.data.issues.some((issue) => issue.path[0] === 'intent');
    return { code: outOfEnum ? 'LLM.OUT_OF_ENUM' : 'LLM.INVALID_OUTPUT', message };
  }
  return { code: 'LLM.HTTP_ERROR', message };
}
