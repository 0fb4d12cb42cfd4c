import { join } from 'node:path';
import type express from 'express';
import type { Kysely } from 'kysely';
import { loadComplianceRules } from '../adapters/compliance/loadComplianceRules';
import type { DB } from '../adapters/db/schema';
import { loadCadences } from '../adapters/outreach/loadCadences';
import { createAgendaScheduler } from '../adapters/scheduler/createAgendaScheduler';
import type { ApiRole } from '../config';
import { formatRulesIssue } from '../core/compliance/ruleBook';
import type { Cadence } from '../core/outreach/cadenceSchema';
import { createComplianceGate } from '../core/outreach/createComplianceGate';
import type { OutreachGate } from '../core/outreach/outreachGate';
import { formatCadenceIssue } from '../core/outreach/parseCadence';
import { createOutreachRouter } from '../http/outreach/createOutreachRouter';
import type { Logger } from '../observability/createLogger';
import type { Clock } from '../ports/clock';
import { previewOutreach } from './previewOutreach';
import { runOutreachSweep } from './runOutreachSweep';
import type { OutreachSweepResult } from './runOutreachSweep';

export interface OutreachModuleDeps {
  db: Kysely<DB>;
  database: { url: string; kind: 'postgres' | 'pglite' };
  flowsDir: string;
  clock: Clock;
  logger: Logger;
  apiTokens: ReadonlyArray<{ token: string; role: ApiRole }>;
  /** Run the recurring sweep on Agenda in this process (worker roles); false: only the preview API. */
  runJobs: boolean;
  /** How often the sweep runs (and Agenda polls on PGlite), in milliseconds. */
  sweepIntervalMs: number;
  batchSize: number;
}

export interface OutreachModule {
  /** GET /outreach/preview, to mount under /api. */
  router: express.Router;
  /** One sweep at the clock's now (what the Agenda job runs); tests call it to step a fake clock through days. */
  sweepOnce(): Promise<OutreachSweepResult>;
  stop(): Promise<void>;
}

/**
 * The proactive outreach capability: loads flows/cadences and flows/compliance (a bad file stops the start with
 * file:line:column problems), and in worker roles schedules the outreach sweep as ONE recurring Agenda job on the
 * service's database; the preview API is always mounted. Does I/O (files, Agenda's pool).
 */
export async function startOutreachModule(deps: OutreachModuleDeps): Promise<OutreachModule> {
  const { cadences, gate } = await loadOutreachConfig(deps.flowsDir);
  const sweepDeps = { db: deps.db, cadences, gate, logger: deps.logger };
  const sweepOnce = (onBatch?: () => Promise<void>) => runOutreachSweep(sweepDeps, { now: deps.clock.now(), batchSize: deps.batchSize, ...(onBatch ? { onBatch } : {}) });
  const scheduler = deps.runJobs
    ? createAgendaScheduler({ url: deps.database.url, notifications: deps.database.kind === 'postgres', processEveryMs: deps.sweepIntervalMs, logger: deps.logger })
    : undefined;
  await scheduler?.start([{ name: 'outreach-sweep', intervalMs: deps.sweepIntervalMs, run: async (touch) => void (await sweepOnce(touch)) }]);
  deps.logger.info({ code: 'OUTREACH.STARTED', cadences: cadences.length, scheduled: Boolean(scheduler) }, 'outreach ready');
  const router = createOutreachRouter({ clock: deps.clock, apiTokens: deps.apiTokens, preview: (at) => previewOutreach({ db: deps.db, cadences, gate }, at) });
  return { router, sweepOnce: () => sweepOnce(), stop: async () => scheduler?.stop() };
}

/** The cadences and the compliance gate from FLOWS_DIR; throws with every problem at file:line:column. Reads files. */
export async function loadOutreachConfig(flowsDir: string): Promise<{ cadences: Cadence[]; gate: OutreachGate }> {
  const cadences = await loadCadences(join(flowsDir, 'cadences'));
  if (!cadences.ok) throw new Error(`cadences in ${join(flowsDir, 'cadences')} are not valid:\n${cadences.issues.map(formatCadenceIssue).join('\n')}`);
  const rules = await loadComplianceRules(join(flowsDir, 'compliance'));
  if (!rules.ok) throw new Error(`compliance rules in ${join(flowsDir, 'compliance')} are not valid:\n${rules.issues.map(formatRulesIssue).join('\n')}`);
  return { cadences: cadences.cadences, gate: createComplianceGate(rules.book) };
}
