/**
 * Loads the demo portfolio and histories: `npm run seed:demo`. Uses DATABASE_URL, or the embedded database under
 * DATA_DIR (stop the service first: embedded PGlite is single-process). Idempotent. Prints the demo debtors as a
 * Markdown table (name, country, locale, what to answer when asked to verify, situation).
 */
import { pino } from 'pino';
import { createDatabase } from '../src/adapters/db/createDatabase';
import { migrateToLatest } from '../src/adapters/db/migrateToLatest';
import { seedDemo } from '../src/collections/seedDemo';
import { parseConfig } from '../src/config';

async function main(): Promise<number> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    parsed.errors.forEach((e) => console.error(e));
    return 1;
  }
  const database = await createDatabase({ databaseUrl: parsed.config.DATABASE_URL, dataDir: parsed.config.DATA_DIR, logger: pino({ level: 'warn' }) });
  try {
    await migrateToLatest(database.db);
    const { imported, debtors } = await seedDemo(database.db, new Date());
    console.log(`demo portfolio: debtors ${imported.debtors.created} created, ${imported.debtors.updated} updated, ${imported.debtors.unchanged} unchanged`);
    console.log('');
    console.log('| name | country | locale | phone | document last 4 | birth date | situation |');
    console.log('|---|---|---|---|---|---|---|');
    for (const d of debtors) console.log(`| ${d.name} | ${d.country} | ${d.locale} | ${d.phone} | ${d.documentLast4} | ${d.birthDate} | ${d.situation} |`);
    return 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
