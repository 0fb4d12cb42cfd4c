import type { Kysely } from 'kysely';
import { createMigrator } from './createMigrator';

/**
 * Applies every pending migration in order (each in its own transaction; Kysely takes a lock so concurrent
 * starters do not race). Does I/O. Throws when a migration fails: a service must not start on a half schema.
 */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<{ applied: string[] }> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
