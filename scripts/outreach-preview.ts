/**
 * `npm run outreach:preview -- [--at ISO-INSTANT] [--json]`: what the outreach sweep would do at that instant
 * (default now) for the portfolio in the configured database (DATABASE_URL, or the embedded one under DATA_DIR:
 * stop the service first), with the cadences and compliance rules of FLOWS_DIR: who would be contacted, by which
 * channel and template, who is held back and why, and totals per reason code. Writes nothing. `--json` prints
 * `{ at, decisions: [{ externalId, accountId, step, action, reason, channel, nextAllowedAt }] }`.
 */
import { pino } from 'pino';
import { z } from 'zod';
import { createDatabase } from '../src/adapters/db/createDatabase';
import { migrateToLatest } from '../src/adapters/db/migrateToLatest';
import { readCommandLine } from '../src/cli/readCommandLine';
import { parseConfig } from '../src/config';
import { previewOutreach, toPreviewDecision, totalPreview } from '../src/outreach/previewOutreach';
import type { PreviewLine } from '../src/outreach/previewOutreach';
import { loadOutreachConfig } from '../src/outreach/createOutreachModule';

const USAGE = 'usage: npm run outreach:preview -- [--at ISO-INSTANT] [--json]';
const atSchema = z.iso.datetime({ offset: true, error: '--at must be an ISO instant with its offset, e.g. 2026-11-23T14:00:00Z' }).optional();

function textLine(l: PreviewLine): string {
  const how = l.action === 'send' ? `${l.channel} ${l.template}${l.contentSid ? ` as Content template ${l.contentSid}` : ' as text'}` : `${l.reason}${l.channel ? ` (${l.channel})` : ''}${l.nextAllowedAt ? ` until ${l.nextAllowedAt}` : ''}`;
  return `${l.action.padEnd(5)} ${l.externalId} ${l.accountId} ${l.step}: ${how}`;
}

async function main(): Promise<number> {
  const { values } = readCommandLine(USAGE, { at: { type: 'string' }, json: { type: 'boolean', default: false } });
  const at = atSchema.safeParse(values.at);
  if (!at.success) {
    console.error(`${at.error.issues[0]?.message ?? 'bad --at'}\n${USAGE}`);
    return 2;
  }
  const args = { at: at.data, json: values.json };
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    parsed.errors.forEach((e) => console.error(`config error: ${e}`));
    return 1;
  }
  const { cadences, gate } = await loadOutreachConfig(parsed.config.FLOWS_DIR);
  const database = await createDatabase({ databaseUrl: parsed.config.DATABASE_URL, dataDir: parsed.config.DATA_DIR, logger: pino({ level: 'warn' }) });
  try {
    await migrateToLatest(database.db);
    const at = args.at ? new Date(args.at) : new Date();
    const totals = new Map<string, number>();
    if (args.json) process.stdout.write(`{"at":${JSON.stringify(at.toISOString())},"decisions":[`);
    let first = true;
    for await (const lines of previewOutreach({ db: database.db, cadences, gate }, at)) {
      totalPreview(lines, totals);
      for (const line of lines) {
        process.stdout.write(args.json ? `${first ? '' : ','}\n${JSON.stringify(toPreviewDecision(line))}` : `${textLine(line)}\n`);
        first = false;
      }
    }
    if (args.json) process.stdout.write(']}\n');
    else {
      console.log(`\nat ${at.toISOString()}: ${[...totals.values()].reduce((a, b) => a + b, 0)} account(s) with a step due`);
      for (const [reason, count] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(7)}  ${reason}`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
