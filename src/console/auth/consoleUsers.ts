import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ConsoleRole } from '../../adapters/db/console/consoleTables';
import type { DB } from '../../adapters/db/schema';
import { hashPassword } from './passwordHash';

export const consoleRoles = ['admin', 'supervisor', 'viewer'] as const satisfies readonly ConsoleRole[];

/** What creating a console user takes (validated: a usable e-mail, a known role, a password of 12+ characters). */
export const newConsoleUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('must be an e-mail address'),
  name: z.string().trim().min(1).max(100).optional(),
  role: z.enum(consoleRoles, { message: 'must be admin, supervisor or viewer' }),
  password: z.string().min(12, 'must be at least 12 characters').max(1024),
});

export interface ConsoleUser {
  id: string;
  email: string;
  name: string;
  role: ConsoleRole;
}

export type CreateUserResult = { ok: true; user: ConsoleUser } | { ok: false; error: { code: 'CONSOLE.USER_INVALID' | 'CONSOLE.USER_EXISTS'; message: string } };

/** Validates and stores a console user with a scrypt hash of the password. Does I/O. */
export async function createConsoleUser(db: Kysely<DB>, input: unknown): Promise<CreateUserResult> {
  const parsed = newConsoleUserSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'CONSOLE.USER_INVALID', message } };
  }
  const { email, role, password } = parsed.data;
  const name = parsed.data.name ?? email.split('@')[0] ?? email;
  const existing = await findConsoleUserByEmail(db, email);
  if (existing) return { ok: false, error: { code: 'CONSOLE.USER_EXISTS', message: `a console user with e-mail ${email} already exists` } };
  const passwordHash = await hashPassword(password);
  const row = await db.insertInto('consoleUsers').values({ email, name, role, passwordHash }).returning(['id', 'email', 'name', 'role']).executeTakeFirstOrThrow();
  return { ok: true, user: row };
}

/** The active (not disabled) user with this e-mail, case-insensitively, with the password hash. Does I/O. */
export async function findConsoleUserByEmail(db: Kysely<DB>, email: string): Promise<(ConsoleUser & { passwordHash: string }) | undefined> {
  return db
    .selectFrom('consoleUsers')
    .select(['id', 'email', 'name', 'role', 'passwordHash'])
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .where('disabledAt', 'is', null)
    .executeTakeFirst();
}

/** Every active console user, by name (for "assign to a colleague"). Does I/O. */
export async function listConsoleUsers(db: Kysely<DB>): Promise<ConsoleUser[]> {
  return db.selectFrom('consoleUsers').select(['id', 'email', 'name', 'role']).where('disabledAt', 'is', null).orderBy('name').execute();
}
