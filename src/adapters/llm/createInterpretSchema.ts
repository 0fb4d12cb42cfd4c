import { z } from 'zod';
import { FREQUENCIES } from '../../core/nlu/intents';

/**
 * The zod schema of the model's interpretation: the intent is an enum of exactly the allowed intents, amounts
 * are integer minor units, dates ISO. Every field is present (null when absent), as OpenAI strict mode needs. Pure.
 */
export function createInterpretSchema(allowedIntents: readonly string[]) {
  const [first, ...rest] = allowedIntents.length > 0 ? allowedIntents : ['unknown'];
  return z.object({
    intent: z.enum([first ?? 'unknown', ...rest]),
    confidence: z.number().min(0).max(1),
    amount_minor: z.number().int().min(1).max(10_000_000_000_000).nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    count: z.number().int().min(1).max(120).nullable(),
    frequency: z.enum(FREQUENCIES).nullable(),
    identifier: z.string().max(40).nullable(),
  });
}

export type InterpretOutput = z.infer<ReturnType<typeof createInterpretSchema>>;
