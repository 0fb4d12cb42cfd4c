import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** True when `session` is a web address the simulator created (a web contact point). Does DB I/O. */
export async function isWebSession(db: Kysely<DB>, session: string): Promise<boolean> {
  const row = await db
    .selectFrom('contactPoints')
    .select('id')
    .where('channel', '=', 'web')
    .where('address', '=', session)
    .executeTakeFirst();
  return row !== undefined;
}
