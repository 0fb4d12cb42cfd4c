import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';

/** Failed sign-ins allowed per e-mail, and per client address, within the window before sign-in is refused. */
export const LOGIN_LIMITS = { perEmail: 5, perIp: 20, windowMs: 15 * 60_000 };

/**
 * Whether sign-in is throttled for this e-mail or client address: the failures recorded in the last window, counted
 * in the database so every web process sees the same. Returns the moment it opens again when throttled. Does I/O.
 */
export async function checkLoginThrottle(db: Kysely<DB>, email: string, ip: string, now: Date): Promise<{ throttled: false } | { throttled: true; retryAt: Date }> {
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs);
  const row = await db
    .selectFrom('consoleLoginFailures')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('email', '=', email).as('byEmail'),
      eb.fn.countAll<string>().filterWhere('ip', '=', ip).as('byIp'),
      eb.fn.min('at').as('oldest'),
    ])
    .where('at', '>', since)
    .where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  if (Number(row.byEmail) < LOGIN_LIMITS.perEmail && Number(row.byIp) < LOGIN_LIMITS.perIp) return { throttled: false };
  const oldest = row.oldest ? new Date(row.oldest) : now;
  return { throttled: true, retryAt: new Date(oldest.getTime() + LOGIN_LIMITS.windowMs) };
}

/** Records one failed sign-in (and forgets failures older than a day). Does I/O. */
export async function recordLoginFailure(db: Kysely<DB>, email: string, ip: string, now: Date): Promise<void> {
  await db.insertInto('consoleLoginFailures').values({ email, ip, at: now }).execute();
  await db.deleteFrom('consoleLoginFailures').where('at', '<', new Date(now.getTime() - 86_400_000)).execute();
}

/** A successful sign-in clears the e-mail's failures. Does I/O. */
export async function clearLoginFailures(db: Kysely<DB>, email: string): Promise<void> {
  await db.deleteFrom('consoleLoginFailures').where('email', '=', email).execute();
}
