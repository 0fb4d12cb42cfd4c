import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { PLAN_EACH_TIME } from '../../../src/adapters/db/prepareRepeatedStatements';
import { createTestDatabase } from '../../helpers/testDatabase';

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('repeated statements are prepared per connection', () => {
  it('prepares a parameterised statement from its third use on a connection and keeps answering correctly', async () => {
    await database.db.connection().execute(async (conn) => {
      const names = async () => (await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements`.execute(conn)).rows;
      const before = await names();
      for (let i = 1; i <= 5; i += 1) {
        const { rows } = await sql<{ doubled: number }>`SELECT ${i}::int * 2 AS doubled`.execute(conn);
        expect(rows[0]?.doubled).toBe(i * 2);
        const prepared = (await names()).filter((n) => !before.some((b) => b.name === n.name) && n.statement.includes('* 2 AS doubled'));
        expect(prepared).toHaveLength(i >= 3 ? 1 : 0);
      }
      // Nor are statements marked to be planned each time, however often they run.
      for (let i = 1; i <= 5; i += 1) await sql`${sql.raw(PLAN_EACH_TIME)} SELECT ${i}::int + 1 AS next`.execute(conn);
      expect((await names()).some((n) => n.statement.includes('+ 1 AS next'))).toBe(false);
      // Statements without parameters are never prepared.
      for (let i = 0; i < 4; i += 1) await sql`SELECT 42 AS answer`.execute(conn);
      expect((await names()).some((n) => n.statement.includes('42 AS answer'))).toBe(false);
    });
  });

  it('prepares afresh after a table changed under a prepared statement: one failure, then answers again', async () => {
    await database.db.connection().execute(async (conn) => {
      await sql`CREATE TABLE prepared_probe (id int PRIMARY KEY, name text)`.execute(conn);
      await sql`INSERT INTO prepared_probe VALUES (1, 'uno')`.execute(conn);
      const read = () => sql<Record<string, unknown>>`SELECT * FROM prepared_probe WHERE id = ${1}`.execute(conn);
      for (let i = 0; i < 4; i += 1) expect((await read()).rows).toEqual([{ id: 1, name: 'uno' }]);
      await sql`ALTER TABLE prepared_probe ADD COLUMN extra text DEFAULT 'x'`.execute(conn);
      await expect(read()).rejects.toThrow(/cached plan must not change result type/);
      expect((await read()).rows).toEqual([{ id: 1, name: 'uno', extra: 'x' }]);
      for (let i = 0; i < 3; i += 1) expect((await read()).rows).toEqual([{ id: 1, name: 'uno', extra: 'x' }]);
      await sql`DROP TABLE prepared_probe`.execute(conn);
    });
  });
});
