/**
 * Portfolio import benchmark: writes a synthetic 100,000-row portfolio CSV to /tmp, creates a fresh database
 * on the PostgreSQL server at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), migrates it,
 * imports the file through importPortfolio (the same path as the CLI and the API), prints rows/s, total seconds
 * and peak RSS, then drops the database. Usage: npm run bench:import [-- --rows 100000]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pino } from 'pino';
import { createDatabase } from '../src/adapters/db/createDatabase';
import { createScratchDatabase } from '../src/adapters/db/createScratchDatabase';
import { migrateToLatest } from '../src/adapters/db/migrateToLatest';
import { importPortfolio } from '../src/collections/importPortfolio';
import { PORTFOLIO_COLUMNS } from '../src/core/portfolio/portfolioColumns';

const MARKETS = [
  { country: 'CO', currency: 'COP', phone: (n: string) => `+5730${n}`, decimals: true },
  { country: 'MX', currency: 'MXN', phone: (n: string) => `+5255${n}`, decimals: true },
  { country: 'PE', currency: 'PEN', phone: (n: string) => `+519${n}`, decimals: true },
  { country: 'CL', currency: 'CLP', phone: (n: string) => `+569${n}`, decimals: false },
  { country: 'ES', currency: 'EUR', phone: (n: string) => `+346${n}`, decimals: true },
  { country: 'US', currency: 'USD', phone: (n: string) => `+12125${n.slice(2)}`, decimals: true },
] as const;

function buildCsv(rows: number): string {
  const lines = [PORTFOLIO_COLUMNS.join(',')];
  for (let i = 0; i < rows; i += 1) {
    const market = MARKETS[i % MARKETS.length] ?? MARKETS[0];
    const serial = String(10_000_000 + i).slice(-8);
    const whole = 1000 + ((i * 7919) % 5_000_000);
    const balance = market.decimals ? `${whole}.${String(i % 100).padStart(2, '0')}` : String(whole);
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      [
        `B-${i}`, 'Nombre', `"Apellido, ${i}"`, market.phone(serial), i % 3 === 0 ? `d${i}@example.com` : '', market.country, '', '',
        String(i % 10_000).padStart(4, '0'), `19${50 + (i % 50)}-0${1 + (i % 9)}-${day}`, `BA-${i}`, 'Banco Benchmark', 'Tarjeta',
        market.currency, balance, `2026-0${1 + (i % 9)}-${day}`, i % 10 === 0 ? 'hardship' : '', 'true', i % 2 === 0 ? 'true' : 'false',
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function main(): Promise<void> {
  const rowsArg = process.argv.indexOf('--rows');
  const rows = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const file = `/tmp/pacto-bench-portfolio-${rows}.csv`;
  writeFileSync(file, buildCsv(rows));
  console.log(`generated ${rows} rows in ${file}`);

  const scratch = await createScratchDatabase(serverUrl, 'pacto_bench_');
  const database = await createDatabase({ databaseUrl: scratch.url, dataDir: 'memory://', logger: pino({ level: 'silent' }) });
  try {
    await migrateToLatest(database.db);
    const started = performance.now();
    const result = await importPortfolio(database.db, readFileSync(file, 'utf8'), { now: new Date(), actor: 'bench' });
    const seconds = (performance.now() - started) / 1000;
    if (!result.ok) {
      console.error(result.issues.slice(0, 10).map((i) => `line ${i.line}, column ${i.column}: ${i.message}`).join('\n'));
      process.exitCode = 1;
      return;
    }
    console.log(JSON.stringify(result.value));
    console.log(`imported ${rows} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s`);
    console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    await database.close();
    await scratch.drop();
  }
}

await main();
