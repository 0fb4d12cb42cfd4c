/**
 * `npm run compliance:explain -- --debtor EXTERNAL_ID --at ISO-INSTANT [--json]`: whether a proactive message to the
 * debtor is allowed at that instant (default: now) under the rules in FLOWS_DIR/compliance; if not, every rule that
 * blocks it and the next allowed instant, per address. `--json` prints `{ "allowed", "reasons", "nextAllowedAt" }`.
 * Uses DATABASE_URL, or the embedded database under DATA_DIR (stop the service first). Exit 0 when it prints an
 * answer (allowed or not), 1 on bad rules or an unknown debtor, 2 on bad arguments.
 */
import { join } from 'node:path';
import { pino } from 'pino';
import { readCommandLine } from '../src/cli/readCommandLine';
import { createComplianceChecker } from '../src/adapters/compliance/createComplianceChecker';
import { explainProactiveContact } from '../src/adapters/compliance/explainProactiveContact';
import { loadComplianceRules } from '../src/adapters/compliance/loadComplianceRules';
import { createDatabase } from '../src/adapters/db/createDatabase';
import { migrateToLatest } from '../src/adapters/db/migrateToLatest';
import { parseConfig } from '../src/config';
import { formatRulesIssue } from '../src/core/compliance/ruleBook';

const USAGE = 'usage: npm run compliance:explain -- --debtor EXTERNAL_ID [--at ISO-INSTANT] [--json]';

async function main(): Promise<number> {
  const { values } = readCommandLine(USAGE, { debtor: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean', default: false } });
  const at = values.at === undefined ? new Date() : new Date(values.at);
  if (!values.debtor || Number.isNaN(at.getTime()) || (values.at !== undefined && !/[zZ]|[+-]\d\d:?\d\d$/.test(values.at))) {
    console.error(`${USAGE}\n--at is an ISO instant with its offset, e.g. 2026-12-05T15:30:00-05:00 or 2026-12-05T20:30:00Z`);
    return 2;
  }
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    parsed.errors.forEach((e) => console.error(e));
    return 1;
  }
  const rules = await loadComplianceRules(join(parsed.config.FLOWS_DIR, 'compliance'));
  if (!rules.ok) {
    rules.issues.forEach((issue) => console.error(formatRulesIssue(issue)));
    return 1;
  }
  const database = await createDatabase({ databaseUrl: parsed.config.DATABASE_URL, dataDir: parsed.config.DATA_DIR, logger: pino({ level: 'warn' }) });
  try {
    await migrateToLatest(database.db);
    const explained = await explainProactiveContact(database.db, createComplianceChecker({ db: database.db, rules: rules.book }), values.debtor, at);
    if (!explained) {
      console.error(`no debtor with external id ${values.debtor}`);
      return 1;
    }
    if (values.json) {
      console.log(JSON.stringify({ allowed: explained.allowed, reasons: explained.reasons, nextAllowedAt: explained.nextAllowedAt?.toISOString() ?? null }));
      return 0;
    }
    console.log(`${values.debtor} at ${at.toISOString()}: a proactive message is ${explained.allowed ? 'ALLOWED' : 'NOT allowed'}`);
    for (const c of explained.channels) {
      const next = c.nextAllowedAt ? `; next allowed ${c.nextAllowedAt.toISOString()}` : c.allowed ? '' : '; no waiting releases it';
      console.log(`  ${c.channel.padEnd(9)} ${c.allowed ? 'allowed' : `blocked by ${c.reasons.join(', ')}${next}`}`);
    }
    if (explained.channels.length === 0) console.log('  no address in the creditor file (COMPLIANCE.NO_CONSENT)');
    if (!explained.allowed) console.log(`next allowed instant: ${explained.nextAllowedAt?.toISOString() ?? 'none (only a change of status releases it)'}`);
    return 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
