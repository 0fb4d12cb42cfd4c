/**
 * Imports a portfolio CSV: `npm run import -- FILE.csv [--encoding latin1]`. Streams the file (memory does not grow
 * with its size), all-or-nothing. Uses DATABASE_URL, or the embedded database under DATA_DIR (stop the service
 * first: embedded PGlite is single-process). Prints progress on a terminal, then created/updated/unchanged counts,
 * or every `line N, column NAME: problem` and exits 1 with nothing written.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pino } from 'pino';
import { createDatabase } from '../src/adapters/db/createDatabase';
import { migrateToLatest } from '../src/adapters/db/migrateToLatest';
import { IMPORT_PIECE_BYTES, importPortfolioStream, type ImportProgress } from '../src/collections/importPortfolio';
import { parseConfig } from '../src/config';
import { PORTFOLIO_ENCODING_LABELS, portfolioEncodingOf } from '../src/core/portfolio/portfolioEncoding';
import { formatPortfolioIssue } from '../src/core/portfolio/portfolioIssue';

function parseArgs(argv: readonly string[]): { file?: string; encoding?: string } {
  const at = argv.indexOf('--encoding');
  const encoding = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--encoding='))?.slice('--encoding='.length);
  const file = argv.find((a, i) => !a.startsWith('--') && !(at >= 0 && i === at + 1));
  return { file, encoding };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.file) {
    console.error('usage: npm run import -- FILE.csv [--encoding latin1]');
    return 2;
  }
  const encoding = portfolioEncodingOf(args.encoding ?? 'utf-8');
  if (!encoding) {
    console.error(`--encoding ${args.encoding} is not read: use ${PORTFOLIO_ENCODING_LABELS}`);
    return 2;
  }
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    parsed.errors.forEach((e) => console.error(e));
    return 1;
  }
  const file = args.file;
  const size = (await stat(file)).size;
  const database = await createDatabase({ databaseUrl: parsed.config.DATABASE_URL, dataDir: parsed.config.DATA_DIR, logger: pino({ level: 'warn' }) });
  try {
    await migrateToLatest(database.db);
    const started = performance.now();
    const result = await importPortfolioStream(database.db, createReadStream(file, { highWaterMark: IMPORT_PIECE_BYTES }), {
      now: new Date(), actor: 'import:cli', encoding, onProgress: progressPrinter(size),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (!result.ok) {
      result.issues.forEach((issue) => console.error(`${file}: ${formatPortfolioIssue(issue)}`));
      if (result.totalIssues > result.issues.length) console.error(`… and ${result.totalIssues - result.issues.length} more`);
      console.error(`${result.totalIssues} problem(s); nothing was imported`);
      return 1;
    }
    const { rows, debtors, accounts, contacts } = result.value;
    console.log(`imported ${rows} row(s) from ${file} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    console.log(`debtors:  ${debtors.created} created, ${debtors.updated} updated, ${debtors.unchanged} unchanged`);
    console.log(`accounts: ${accounts.created} created, ${accounts.updated} updated, ${accounts.unchanged} unchanged`);
    console.log(
      `numbers:  ${contacts.moved} moved from another debtor, ${contacts.removed} removed, ${contacts.conversationsEnded} open conversation(s) ended; ` +
        `consent ${contacts.consentWithdrawn} withdrawn, ${contacts.consentNotRestored} left off (opted out or withdrawn before)`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

/** On a terminal, one line of progress rewritten at most every half second; nothing otherwise. */
function progressPrinter(size: number): ((p: ImportProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let shown = 0;
  return (p) => {
    const at = performance.now();
    if (at - shown < 500) return;
    shown = at;
    const percent = size > 0 ? Math.min(100, Math.round((100 * p.bytesRead) / size)) : 100;
    process.stderr.write(`\r${p.phase}: ${percent}% read, ${p.rowsRead} rows, ${p.rowsWritten} written   `);
  };
}

process.exitCode = await main();
