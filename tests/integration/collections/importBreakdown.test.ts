import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { PORTFOLIO_COLUMNS } from '../../../src/core/portfolio/portfolioColumns';
import { createTestDatabase } from '../../helpers/testDatabase';
import { portfolioCsv } from './support';

// Issue 12: the optional principal, interest and fees columns are read and kept, so the bot can say why the
// balance is what it is. Given together or not at all; a file without them keeps what an earlier file gave.
const now = new Date('2026-11-20T15:00:00Z');

/** The shared test CSV with the three breakdown columns appended (cells per row, in that order). */
function withBreakdown(cells: ReadonlyArray<readonly [string, string, string]>): string {
  const rows = portfolioCsv(...cells.map((_, i) => ({ external_id: `C-${i + 1}`, account_id: `A-${i + 1}`, phone: `+57 300 123 45${String(i).padStart(2, '0')}`, balance: '1250000.00' }))).split('\n');
  return [`${rows[0]},principal,interest,fees`, ...rows.slice(1).map((row, i) => `${row},${(cells[i] ?? ['', '', '']).join(',')}`)].join('\n');
}

describe(`portfolio import: the balance breakdown on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const breakdown = async (accountId: string) =>
    database.db.selectFrom('accounts').select(['principalMinor', 'interestMinor', 'feesMinor']).where('externalId', '=', accountId).executeTakeFirstOrThrow();

  it('stores principal, interest and fees in minor units, and keeps them when a later file has no such columns', async () => {
    const first = await importPortfolio(database.db, withBreakdown([['1100000.00', '120000.00', '30000.00'], ['', '', '']]), { now });
    expect(first.ok, JSON.stringify(first)).toBe(true);
    expect(await breakdown('A-1')).toEqual({ principalMinor: '110000000', interestMinor: '12000000', feesMinor: '3000000' });
    expect(await breakdown('A-2')).toEqual({ principalMinor: null, interestMinor: null, feesMinor: null });
    const plain = portfolioCsv({ external_id: 'C-1', account_id: 'A-1', phone: '+57 300 123 4500', balance: '1200000.00' });
    expect(plain.split('\n')[0]).toBe(PORTFOLIO_COLUMNS.join(','));
    expect((await importPortfolio(database.db, plain, { now })).ok).toBe(true);
    expect(await breakdown('A-1')).toEqual({ principalMinor: '110000000', interestMinor: '12000000', feesMinor: '3000000' });
  });

  it('refuses a partial breakdown or a bad amount, naming the line and column, and writes nothing', async () => {
    const result = await importPortfolio(database.db, withBreakdown([['1100000.00', '', '30000.00'], ['abc', '1.00', '2.00']]), { now: new Date('2026-11-21T15:00:00Z') });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ line: 2, column: 'interest', message: expect.stringMatching(/give principal, interest and fees together/) }),
      expect.objectContaining({ line: 3, column: 'principal' }),
    ]));
    expect(await breakdown('A-1')).toEqual({ principalMinor: '110000000', interestMinor: '12000000', feesMinor: '3000000' });
  });
});
