import { readFile } from 'node:fs/promises';

const fixturesDir = new URL('../fixtures/portfolio/', import.meta.url);

/**
 * Reads a portfolio CSV from tests/fixtures/portfolio. With `rows`, the file's first data row is repeated once per
 * entry with the given columns replaced (e.g. `{ external_id, phone, account_id }`), so a test can import several
 * debtors like the fixture's one. Only unquoted fixtures can be rewritten. Reads a file.
 */
export async function readPortfolioFixture(name: string, rows?: ReadonlyArray<Readonly<Record<string, string>>>): Promise<string> {
  const text = await readFile(new URL(name, fixturesDir), 'utf8');
  if (!rows) return text;
  const [headerLine, templateLine] = text.split(/\r?\n/);
  if (!headerLine || !templateLine) throw new Error(`${name}: needs a header and one data row`);
  if (templateLine.includes('"')) throw new Error(`${name}: quoted fields cannot be rewritten`);
  const header = headerLine.split(',');
  const template = templateLine.split(',');
  const lines = rows.map((changes) => {
    for (const column of Object.keys(changes)) if (!header.includes(column)) throw new Error(`${name}: no column ${column}`);
    return header.map((column, i) => changes[column] ?? template[i] ?? '').join(',');
  });
  return [headerLine, ...lines].join('\n');
}
