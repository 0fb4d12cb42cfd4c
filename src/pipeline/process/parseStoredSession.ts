import { z } from 'zod';
import type { Session } from '../../core/engine/types';

const sessionSchema = z.object({
  flowId: z.string(),
  flowVersion: z.string(),
  state: z.string(),
  slots: z.record(z.string(), z.unknown()),
  attempts: z.record(z.string(), z.number()),
  locale: z.string(),
  status: z.enum(['active', 'ended']),
  ended: z.object({ at: z.string(), from: z.string() }).optional(),
});

/** Reads the session JSON stored on a conversation; undefined when it is missing or malformed. Pure. */
export function parseStoredSession(value: unknown): Session | undefined {
  const parsed = sessionSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
