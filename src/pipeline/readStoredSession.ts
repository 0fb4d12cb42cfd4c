import { z } from 'zod';
import type { Session } from '../core/engine/types';
import { parseStoredSession } from './parseStoredSession';

const countSchema = z.object({ llmCalls: z.number().int().nonnegative() });

/**
 * Reads the session JSON stored on a conversation plus the pipeline's own `llmCalls` counter kept beside the
 * engine's fields (0 when absent); undefined when the session is missing or malformed. Pure.
 */
export function readStoredSession(value: unknown): { session: Session; llmCalls: number } | undefined {
  const session = parseStoredSession(value);
  if (!session) return undefined;
  const count = countSchema.safeParse(value);
  return { session, llmCalls: count.success ? count.data.llmCalls : 0 };
}
