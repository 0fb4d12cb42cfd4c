/**
 * A worker process for crash tests: connects to PACTO_TEST_DB_URL, runs the inbox worker with a fixed clock
 * (PACTO_TEST_NOW) and prints HANGING, then never returns, at the point PACTO_HANG_AT names:
 * - 'interpret': when interpreting a message that mentions "saldo" (outside any transaction);
 * - 'transaction': when loading facts inside the conversation transaction (the lock and row locks are held).
 * The parent SIGKILLs it there.
 */
import { pino } from 'pino';
import { createDatabase } from '../../../../src/adapters/db/createDatabase';
import { createDbFactsProvider } from '../../../helpers/createDbFactsProvider';
import { createInboxWorker } from '../../../../src/pipeline/process/createInboxWorker';
import { createRulesInterpreter } from '../../../../src/pipeline/process/createRulesInterpreter';
import { createPipelineHarness } from '../../../helpers/createPipelineHarness';

const url = process.env.PACTO_TEST_DB_URL;
const now = process.env.PACTO_TEST_NOW;
const hangAt = process.env.PACTO_HANG_AT;
if (!url || !now || !hangAt) throw new Error('PACTO_TEST_DB_URL, PACTO_TEST_NOW and PACTO_HANG_AT are required');
const hang = <T>(): Promise<T> => {
  process.stdout.write('HANGING\n');
  return new Promise<T>(() => undefined);
};
const database = await createDatabase({ databaseUrl: url, dataDir: 'memory://', logger: pino({ level: 'silent' }), poolMax: 2 });
const rules = createRulesInterpreter();
const harness = await createPipelineHarness(database, {
  interpret: async (text, ctx) => (hangAt === 'interpret' && text.includes('saldo') ? hang() : rules(text, ctx)),
});
const facts = createDbFactsProvider();
let factLoads = 0;
harness.deps.clock.set(new Date(now));
process.stdout.write('READY\n');
await createInboxWorker({
  ...harness.deps,
  // The first load is the unlocked read before interpreting; the second is inside the transaction.
  facts: { loadFacts: async (db, id) => (hangAt === 'transaction' && ++factLoads === 2 ? hang() : facts.loadFacts(db, id)) },
  leaseMs: 60_000,
}).drainOnce();
process.stdout.write('DRAINED\n');
await database.close();
