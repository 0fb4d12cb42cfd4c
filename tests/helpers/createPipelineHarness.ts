import { resolve } from 'node:path';
import { pino } from 'pino';
import { createComplianceChecker } from '../../src/adapters/compliance/createComplianceChecker';
import type { ComplianceChecker } from '../../src/adapters/compliance/createComplianceChecker';
import { loadComplianceRules } from '../../src/adapters/compliance/loadComplianceRules';
import type { Database } from '../../src/adapters/db/createDatabase';
import { createDbFactsProvider } from './createDbFactsProvider';
import { upsertDebtor } from '../../src/adapters/db/repositories/upsertDebtor';
import { createFlowRepository } from '../../src/adapters/flows/createFlowRepository';
import type { Interpreter } from '../../src/ports/interpreter';
import { createFlowRegistry } from '../../src/createFlowRegistry';
import { createTestFacts } from '../../src/demo/createTestFacts';
import { createMetrics } from '../../src/observability/createMetrics';
import type { ChannelKind } from '../../src/ports/channel';
import type { PipelineDeps } from '../../src/pipeline/pipelineDeps';
import { createRulesInterpreter } from '../../src/pipeline/process/createRulesInterpreter';
import { createFakeClock } from './createFakeClock';
import type { FakeClock } from './createFakeClock';

export interface PipelineHarness {
  /** The pipeline's deps plus the compliance gate over the shipped flows/compliance rules (for the outbox sender). */
  deps: PipelineDeps & { clock: FakeClock; compliance: ComplianceChecker };
  /** Creates a debtor from a named demo fixture (co_maria, us_john …) reachable at channel+address. */
  addDebtor(fixture: string, channel: ChannelKind, address: string): Promise<string>;
}

/** The real pipeline parts over a test database: default flows, demo registry, rules NLU, DB facts, fake clock. */
export async function createPipelineHarness(database: Database, opts: { interpret?: Interpreter } = {}): Promise<PipelineHarness> {
  const flows = createFlowRepository({ dir: resolve(import.meta.dirname, '../../flows'), registry: createFlowRegistry() });
  const loaded = await flows.reload();
  if (!loaded.ok) throw new Error(`flows failed to load: ${JSON.stringify(loaded.errors.slice(0, 3))}`);
  const clock = createFakeClock();
  const rules = await loadComplianceRules(resolve(import.meta.dirname, '../../flows/compliance'));
  if (!rules.ok) throw new Error(`compliance rules failed to load: ${JSON.stringify(rules.issues.slice(0, 3))}`);
  const deps = {
    compliance: createComplianceChecker({ db: database.db, rules: rules.book }),
    db: database.db,
    flows,
    interpret: opts.interpret ?? createRulesInterpreter(),
    facts: createDbFactsProvider(),
    clock,
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(),
  };
  return {
    deps,
    async addDebtor(fixture, channel, address) {
      const facts = createTestFacts()[fixture];
      if (!facts) throw new Error(`no fixture ${fixture}`);
      const { debtorId } = await upsertDebtor(database.db, {
        externalId: `${fixture}-${address}`,
        firstName: facts.debtor.firstName,
        locale: facts.debtor.locale,
        timezone: facts.debtor.timeZone,
        country: facts.debtor.country,
        profile: { ...facts },
        contactPoints: [{ channel, address }],
      });
      return debtorId;
    },
  };
}
