import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { WEB_SESSION_HOURS } from './createWebSession';

/** True when `session` is a live web address the simulator created (a web contact point under a day old). Does DB I/O. */
export async function isWebSession(db: Kysely<DB>, session: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('contactPoints')
    .select('id')
    .where('channel', '=', 'web')
    .where('address', '=', session)
    .where('createdAt', '>', new Date(now.getTime() - WEB_SESSION_HOURS * 3_600_000))
    .executeTakeFirst();
  return row !== undefined;
}
