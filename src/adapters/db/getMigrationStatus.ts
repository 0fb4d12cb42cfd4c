import type { Kysely } from 'kysely';
import { createMigrator } from './createMigrator';

/** Lists migrations not yet applied (readyz reports not ready while any are pending). Does I/O. */
export async function getMigrationStatus<T>(db: Kysely<T>): Promise<{ pending: string[] }> {
  const all = await createMigrator(db).getMigrations();
  return { pending: all.filter((m) => m.executedAt === undefined).map((m) => m.name) };
}
