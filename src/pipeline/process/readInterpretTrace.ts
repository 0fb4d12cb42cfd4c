import { z } from 'zod';

const traceSchema = z.object({
  outcome: z.string(),
  llmCalled: z.boolean(),
  prompt: z.object({ id: z.string(), version: z.string() }).nullable().optional(),
  latencyMs: z.number().optional(),
});

/** The interpretation trace for the audit, when the interpreter returned one: outcome, LLM called, prompt, latency; no text. */
export type AuditTrace = { outcome: string; llmCalled: boolean; promptId: string | null; promptVersion: string | null; latencyMs: number | null };

/** Reads the optional `trace` an interpreter (the LLM one) attaches to its result; undefined when absent or malformed. Pure. */
export function readInterpretTrace(result: object): AuditTrace | undefined {
  const parsed = traceSchema.safeParse(Reflect.get(result, 'trace'));
  if (!parsed.success) return undefined;
  const t = parsed.data;
  return { outcome: t.outcome, llmCalled: t.llmCalled, promptId: t.prompt?.id ?? null, promptVersion: t.prompt?.version ?? null, latencyMs: t.latencyMs ?? null };
}
