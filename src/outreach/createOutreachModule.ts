import { join } from 'node:path';
import type express from 'express';
import type { Kysely } from 'kysely';
import { loadComplianceRules } from '../adapters/compliance/loadComplianceRules';
import type { DB } from '../adapters/db/schema';
import { loadCadences } from '../adapters/outreach/loadCadences';
import type { ApiRole } from '../config';
import { formatRulesIssue } from '../core/compliance/ruleBook';
import type { Cadence } from '../core/outreach/cadenceSchema';
import { createComplianceGate } from '../core/outreach/createComplianceGate';
import type { OutreachGate } from '../core/outreach/outreachGate';
import { formatCadenceIssue } from '../core/outreach/parseCadence';
import { createOutreachRouter } from '../http/outreach/createOutreachRouter';
import type { Logger } from '../observability/createLogger';
import type { Clock } from '../ports/clock';
import type { RecurringJob } from '../ports/scheduler';
import { previewOutreach } from './previewOutreach';
import { runOutreachSweep } from './runOutreachSweep';
import type { OutreachSweepResult } from './runOutreachSweep';

export interface OutreachModuleDeps {
  db: Kysely<DB>;
  flowsDir: string;
  clock: Clock;
  logger: Logger;
  apiTokens: ReadonlyArray<{ token: string; role: ApiRole }>;
  /** How often the sweep runs, in milliseconds. */
  sweepIntervalMs: number;
  batchSize: number;
}

export interface OutreachModule {
  /** GET /outreach/preview, to mount under /api. */
  router: express.Router;
  /** The recurring 'outreach-sweep' job, for the scheduler of a worker process (main.ts). */
  job: RecurringJob;
  /** One sweep at the clock's now (what the job runs); tests call it to step a fake clock through days. */
  sweepOnce(): Promise<OutreachSweepResult>;
}

/**
 * The proactive outreach capability: loads flows/cadences and flows/compliance (a bad file stops the start with
 * file:line:column problems) and gives the preview API and the outreach sweep as ONE recurring job, which worker
 * processes schedule (main.ts). Does I/O (reads files; the job and the preview read and write the database).
 */
export async function createOutreachModule(deps: OutreachModuleDeps): Promise<OutreachModule> {
  const { cadences, gate } = await loadOutreachConfig(deps.flowsDir);
  const sweepDeps = { db: deps.db, cadences, gate, logger: deps.logger };
  const sweepOnce = (onBatch?: () => Promise<void>) => runOutreachSweep(sweepDeps, { now: deps.clock.now(), batchSize: deps.batchSize, ...(onBatch ? { onBatch } : {}) });
  const job: RecurringJob = { name: 'outreach-sweep', intervalMs: deps.sweepIntervalMs, run: async (touch) => void (await sweepOnce(touch)) };
  deps.logger.info({ code: 'OUTREACH.STARTED', cadences: cadences.length }, 'outreach ready');
  const router = createOutreachRouter({ clock: deps.clock, apiTokens: deps.apiTokens, preview: (at) => previewOutreach({ db: deps.db, cadences, gate }, at) });
  return { router, job, sweepOnce: () => sweepOnce() };
}

/** The cadences and the compliance gate from FLOWS_DIR; throws with every problem at file:line:column. Reads files. */
export async function loadOutreachConfig(flowsDir: string): Promise<{ cadences: Cadence[]; gate: OutreachGate }> {
  const cadences = await loadCadences(join(flowsDir, 'cadences'));
  if (!cadences.ok) throw new Error(`cadences in ${join(flowsDir, 'cadences')} are not valid:\n${cadences.issues.map(formatCadenceIssue).join('\n')}`);
  const rules = await loadComplianceRules(join(flowsDir, 'compliance'));
  if (!rules.ok) throw new Error(`compliance rules in ${join(flowsDir, 'compliance')} are not valid:\n${rules.issues.map(formatRulesIssue).join('\n')}`);
  return { cadences: cadences.cadences, gate: createComplianceGate(rules.book) };
}
