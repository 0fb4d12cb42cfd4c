/**
 * Imports a portfolio CSV: `npm run import -- FILE.csv`. Uses DATABASE_URL, or the embedded database under
 * DATA_DIR (stop the service first: embedded PGlite is single-process). Prints created/updated/unchanged counts,
 * or every `line N, column NAME: problem` and exits 1 with nothing written.
 */
import { readFile } from 'node:fs/promises';
import { pino } from 'pino';
import { createDatabase } from '../src/adapters/db/createDatabase';
import { migrateToLatest } from '../src/adapters/db/migrateToLatest';
import { importPortfolio } from '../src/collections/importPortfolio';
import { parseConfig } from '../src/config';
import { formatPortfolioIssue } from '../src/core/portfolio/portfolioIssue';

async function main(): Promise<number> {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npm run import -- FILE.csv');
    return 2;
  }
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    parsed.errors.forEach((e) => console.error(e));
    return 1;
  }
  const text = await readFile(file, 'utf8');
  const database = await createDatabase({ databaseUrl: parsed.config.DATABASE_URL, dataDir: parsed.config.DATA_DIR, logger: pino({ level: 'warn' }) });
  try {
    await migrateToLatest(database.db);
    const started = performance.now();
    const result = await importPortfolio(database.db, text, { now: new Date(), actor: 'import:cli' });
    if (!result.ok) {
      result.issues.forEach((issue) => console.error(`${file}: ${formatPortfolioIssue(issue)}`));
      if (result.totalIssues > result.issues.length) console.error(`… and ${result.totalIssues - result.issues.length} more`);
      console.error(`${result.totalIssues} problem(s); nothing was imported`);
      return 1;
    }
    const { rows, debtors, accounts } = result.value;
    console.log(`imported ${rows} row(s) from ${file} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    console.log(`debtors:  ${debtors.created} created, ${debtors.updated} updated, ${debtors.unchanged} unchanged`);
    console.log(`accounts: ${accounts.created} created, ${accounts.updated} updated, ${accounts.unchanged} unchanged`);
    return 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
