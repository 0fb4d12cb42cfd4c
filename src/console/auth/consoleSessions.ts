import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import type { ConsoleUser } from './consoleUsers';

/** A signed-in console user and the session's CSRF token. */
export interface ConsoleSession {
  user: ConsoleUser;
  csrfToken: string;
}

export interface SessionTimes {
  /** A session unused for this long is over (idle expiry). */
  idleMs: number;
  /** A session older than this is over whatever its use. */
  absoluteMs: number;
}

function hashOf(cookieValue: string): string {
  return createHash('sha256').update(cookieValue).digest('hex');
}

/** Starts a session for `userId`: returns the cookie value (stored only as its SHA-256). Does I/O. */
export async function startConsoleSession(db: Kysely<DB>, userId: string, now: Date): Promise<string> {
  const value = randomBytes(32).toString('base64url');
  await db.insertInto('consoleSessions').values({ idHash: hashOf(value), userId, csrfToken: randomBytes(24).toString('base64url'), createdAt: now, lastSeenAt: now }).execute();
  return value;
}

/**
 * The session behind a cookie value, or undefined when there is none, it was idle too long, it is too old or the
 * user is disabled (an expired session is deleted). A valid one is touched (last_seen_at = now). Does I/O.
 */
export async function loadConsoleSession(db: Kysely<DB>, cookieValue: string, now: Date, times: SessionTimes): Promise<ConsoleSession | undefined> {
  const idHash = hashOf(cookieValue);
  const row = await db
    .selectFrom('consoleSessions as s')
    .innerJoin('consoleUsers as u', 'u.id', 's.userId')
    .select(['s.csrfToken', 's.createdAt', 's.lastSeenAt', 'u.id', 'u.email', 'u.name', 'u.role', 'u.disabledAt'])
    .where('s.idHash', '=', idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const idle = now.getTime() - row.lastSeenAt.getTime() > times.idleMs;
  const old = now.getTime() - row.createdAt.getTime() > times.absoluteMs;
  if (idle || old || row.disabledAt) {
    await db.deleteFrom('consoleSessions').where('idHash', '=', idHash).execute();
    return undefined;
  }
  // Touch at most once a minute: a page and its SSE stream should not write on every request.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) await db.updateTable('consoleSessions').set({ lastSeenAt: now }).where('idHash', '=', idHash).execute();
  return { user: { id: row.id, email: row.email, name: row.name, role: row.role }, csrfToken: row.csrfToken };
}

/** Ends the session behind a cookie value (sign-out). Does I/O. */
export async function endConsoleSession(db: Kysely<DB>, cookieValue: string): Promise<void> {
  await db.deleteFrom('consoleSessions').where('idHash', '=', hashOf(cookieValue)).execute();
}
