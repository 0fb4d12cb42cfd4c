import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import { createConsoleUser } from './consoleUsers';

export const DEMO_SUPERVISOR_EMAIL = 'supervisor@pacto.local';

/**
 * On an embedded database with no console users yet, creates a demo supervisor with a random password and
 * returns the lines that tell how to sign in (main prints them once); otherwise returns []. Does I/O.
 */
export async function ensureDemoSupervisor(db: Kysely<DB>, options: { embedded: boolean; baseUrl?: string }): Promise<string[]> {
  if (!options.embedded) return [];
  const existing = await db.selectFrom('consoleUsers').select('id').limit(1).executeTakeFirst();
  if (existing) return [];
  const password = randomBytes(12).toString('base64url');
  const created = await createConsoleUser(db, { email: DEMO_SUPERVISOR_EMAIL, name: 'Demo supervisor', role: 'supervisor', password });
  if (!created.ok) return [];
  return [
    `Console: ${options.baseUrl ?? ''}/console/ — demo supervisor ${DEMO_SUPERVISOR_EMAIL}, password ${password} (shown once; add users with npm run users:create)`,
  ];
}
