/**
 * An outreach worker process for crash and concurrency tests: connects to PACTO_TEST_DB_URL and runs one sweep
 * at PACTO_TEST_NOW in batches of PACTO_TEST_BATCH, the shipped cadences and
 * compliance rules. With PACTO_TEST_HANG_AFTER=N it stops dead after N decisions (printing HANGING): the batch it
 * it locked stays unwritten in an open transaction, as when a worker is killed mid-sweep. Prints the result as JSON when done.
 */
import { pino } from 'pino';
import { createDatabase } from '../../src/adapters/db/createDatabase';
import type { OutreachGate } from '../../src/core/outreach/outreachGate';
import { runOutreachSweep } from '../../src/outreach/runOutreachSweep';
import { loadOutreachConfig } from '../../src/outreach/createOutreachModule';

const url = process.env.PACTO_TEST_DB_URL;
const now = process.env.PACTO_TEST_NOW;
if (!url || !now) throw new Error('PACTO_TEST_DB_URL and PACTO_TEST_NOW are required');
const hangAfter = Number(process.env.PACTO_TEST_HANG_AFTER ?? 0);
const logger = pino({ level: 'silent' });
const database = await createDatabase({ databaseUrl: url, dataDir: 'memory://', logger, poolMax: 2 });
const config = await loadOutreachConfig('flows');
let decided = 0;
const gate: OutreachGate = (question) => {
  decided += 1;
  if (hangAfter > 0 && decided > hangAfter) {
    process.stdout.write('HANGING\n');
    // Blocks the process for good (the gate is synchronous): the parent kills it here, mid-batch.
    for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
  }
  return config.gate(question);
};
const result = await runOutreachSweep({ db: database.db, cadences: config.cadences, gate, logger }, {
  now: new Date(now), batchSize: Number(process.env.PACTO_TEST_BATCH ?? 10),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
await database.close();
