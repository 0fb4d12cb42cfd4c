/**
 * A worker process for crash tests: connects to PACTO_TEST_DB_URL, runs the inbox worker with a fixed clock
 * (PACTO_TEST_NOW), and when a message mentions "saldo" it prints HANGING and never finishes interpreting, so
 * the parent can SIGKILL it in the middle of the processing transaction.
 */
import { pino } from 'pino';
import { createDatabase } from '../../src/adapters/db/createDatabase';
import { createRulesInterpreter } from '../../src/pipeline/process/createRulesInterpreter';
import { createInboxWorker } from '../../src/pipeline/process/createInboxWorker';
import { createPipelineHarness } from './createPipelineHarness';

const url = process.env.PACTO_TEST_DB_URL;
const now = process.env.PACTO_TEST_NOW;
if (!url || !now) throw new Error('PACTO_TEST_DB_URL and PACTO_TEST_NOW are required');
const database = await createDatabase({ databaseUrl: url, dataDir: 'memory://', logger: pino({ level: 'silent' }), poolMax: 1 });
const rules = createRulesInterpreter();
const harness = await createPipelineHarness(database, {
  interpret: async (text, ctx) => {
    if (text.includes('saldo')) {
      process.stdout.write('HANGING\n');
      return new Promise(() => undefined);
    }
    return rules(text, ctx);
  },
});
harness.deps.clock.set(new Date(now));
process.stdout.write('READY\n');
await createInboxWorker({ ...harness.deps, leaseMs: 60_000 }).drainOnce();
process.stdout.write('DRAINED\n');
await database.close();
