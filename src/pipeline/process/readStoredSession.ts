import { z } from 'zod';
import type { Session } from '../../core/engine/types';
import { parseStoredSession } from './parseStoredSession';

const countSchema = z.object({ llmCalls: z.number().int().nonnegative() });

type StoredSession = { session: Session; llmCalls: number };

/** Sessions already read, by the stored object (the worker keeps one per conversation it processed); weak, so nothing leaks. */
const readBefore = new WeakMap<object, StoredSession | undefined>();

/**
 * Reads the session JSON stored on a conversation plus the pipeline's own `llmCalls` counter kept beside the
 * engine's fields (0 when absent); undefined when the session is missing or malformed. The result for one stored
 * object is remembered (stored sessions are never mutated: a step makes a new one), since a batch reads the
 * same session outside and inside its transaction. Pure.
 */
export function readStoredSession(value: unknown): StoredSession | undefined {
  if (typeof value === 'object' && value !== null && readBefore.has(value)) return readBefore.get(value);
  const session = parseStoredSession(value);
  const count = countSchema.safeParse(value);
  const stored = session ? { session, llmCalls: count.success ? count.data.llmCalls : 0 } : undefined;
  if (typeof value === 'object' && value !== null) readBefore.set(value, stored);
  return stored;
}

/**
 * Records what a session object the pipeline itself just wrote reads as (its engine session and LLM count), so
 * reading it back for the conversation's next batch costs no validation. Pure apart from the memo.
 */
export function rememberStoredSession(value: object, stored: StoredSession): void {
  readBefore.set(value, stored);
}
