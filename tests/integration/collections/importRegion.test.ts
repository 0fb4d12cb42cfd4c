import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { createTestDatabase } from '../../helpers/testDatabase';
import { portfolioCsv } from './support';

// Issue 11: regional holidays where the debtor's region is known. The optional region column (ISO 3166-2) is stored
// on the debtor; a file without it keeps what an earlier file gave.
const now = new Date('2026-11-20T15:00:00Z');

function withRegion(regions: readonly string[]): string {
  const rows = portfolioCsv(...regions.map((_, i) => ({ external_id: `C-${i + 1}`, account_id: `A-${i + 1}`, phone: `+57 300 123 46${String(i).padStart(2, '0')}` }))).split('\n');
  return [`${rows[0]},region`, ...rows.slice(1).map((row, i) => `${row},${regions[i] ?? ''}`)].join('\n');
}

describe(`portfolio import: the debtor's region on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const regions = async () => (await database.db.selectFrom('debtors').select(['externalId', 'region']).orderBy('externalId').execute()).map((d) => [d.externalId, d.region]);

  it('stores the region upper-cased, keeps it when a later file has none, and refuses one of another country with its line and column', async () => {
    expect((await importPortfolio(database.db, withRegion(['co-dc', '']), { now })).ok).toBe(true);
    expect(await regions()).toEqual([['C-1', 'CO-DC'], ['C-2', null]]);
    const plain = portfolioCsv({ external_id: 'C-1', account_id: 'A-1', phone: '+57 300 123 4600' });
    expect((await importPortfolio(database.db, plain, { now })).ok).toBe(true);
    expect(await regions()).toEqual([['C-1', 'CO-DC'], ['C-2', null]]);
    const wrong = await importPortfolio(database.db, withRegion(['CO-DC', 'ES-MD']), { now });
    expect(wrong.ok).toBe(false);
    expect(JSON.stringify(wrong)).toContain('ES-MD is not a region of CO');
    expect(await regions()).toEqual([['C-1', 'CO-DC'], ['C-2', null]]);
  });
});
