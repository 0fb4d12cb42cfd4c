import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { migrations } from './migrations/index';

/** Builds a Kysely Migrator over the static migration list. No I/O until used. */
export function createMigrator<T>(db: Kysely<T>, list: Readonly<Record<string, Migration>> = migrations): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => ({ ...list }) };
  // The migrator's own bookkeeping queries must not pass through the camelCase plugin.
  // Areas own number ranges and land in any order, so a database may have run 0760 before 0740 arrives: apply it then
  // rather than refuse to start.
  return new Migrator({ db: db.withoutPlugins(), provider, allowUnorderedMigrations: true });
}
