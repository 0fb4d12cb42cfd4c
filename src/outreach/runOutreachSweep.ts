import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import type { Cadence } from '../core/outreach/cadenceSchema';
import { decideDebtorOutreach } from '../core/outreach/decideDebtorOutreach';
import type { OutreachAccount } from '../core/outreach/outreachAccount';
import type { OutreachGate } from '../core/outreach/outreachGate';
import type { Logger } from '../observability/createLogger';
import { loadOutreachAccounts } from './loadOutreachAccounts';
import { lockDueAccounts } from './lockDueAccounts';
import { writeOutreachBatch } from './writeOutreachBatch';

/**
 * Which of a lane's batches refresh their session's cached plans (see writeOutreachBatch's discardPlans): the first
 * few, while a first campaign's tables are still nearly empty, and one in REFRESH_EVERY after, for a pooled
 * connection the lane had not used yet.
 */
const REFRESH_FIRST = 4;
const REFRESH_EVERY = 32;

export interface OutreachSweepDeps {
  db: Kysely<DB>;
  cadences: readonly Cadence[];
  gate: OutreachGate;
  logger: Logger;
}

export interface OutreachSweepOptions {
  now: Date;
  /** Accounts per batch (one transaction: lock, three reads, the writes). Default 500. */
  batchSize?: number;
  /** Stop after this many batches (a bounded sweep; the rest waits for the next run). Default: until none is due. */
  maxBatches?: number;
  /**
   * Batches in flight at once (default 2): while one batch's statements run in PostgreSQL, the other is decided
   * here, so both cores work. Each is its own transaction with its own SKIP LOCKED lock, as two workers would be.
   */
  concurrency?: number;
  /** Called after each batch (Agenda's job.touch keeps a long sweep's lock alive). */
  onBatch?: (written: number) => Promise<void> | void;
}

/** What one sweep did: accounts decided, steps written, and decisions by action. */
export interface OutreachSweepResult {
  accounts: number;
  written: number;
  batches: number;
  actions: Record<'send' | 'defer' | 'skip' | 'idle', number>;
}

/**
 * One outreach sweep at `now`, in batches, each one transaction: locks due accounts (lockDueAccounts), reads them
 * under their debtors' contact locks (loadOutreachAccounts), decides them debtor by debtor with the pure
 * decideDebtorOutreach against the cadences and the compliance gate, and writes them (writeOutreachBatch), with
 * `concurrency` batches in flight. Memory holds those batches, never the portfolio. Does I/O.
 */
export async function runOutreachSweep(deps: OutreachSweepDeps, opts: OutreachSweepOptions): Promise<OutreachSweepResult> {
  const batchSize = opts.batchSize ?? 500;
  const result: OutreachSweepResult = { accounts: 0, written: 0, batches: 0, actions: { send: 0, defer: 0, skip: 0, idle: 0 } };
  const decide = (accounts: readonly OutreachAccount[]) => decideDebtorOutreach(accounts, deps.cadences, opts.now, deps.gate);
  let started = 0;
  let exhausted = false;
  const lane = async (): Promise<void> => {
    let laneBatches = 0;
    while (!exhausted && (opts.maxBatches === undefined || started < opts.maxBatches)) {
      started += 1;
      const done = await deps.db.transaction().execute(async (trx) => {
        // Short statements over a batch's own rows: JIT compiling them (once a custom plan's cost crossed
        // jit_above_cost, as the tables grew) cost up to 250 ms a statement, more than the reads themselves.
        await sql`SET LOCAL jit = off`.execute(trx);
        const ids = await lockDueAccounts(trx, { now: opts.now, limit: batchSize });
        if (ids.length === 0) return undefined;
        const batch = decide(await loadOutreachAccounts(trx, ids, opts.now, { lockDebtors: true }));
        const discardPlans = laneBatches < REFRESH_FIRST || laneBatches % REFRESH_EVERY === 0;
        return { batch, written: await writeOutreachBatch(trx, batch, { now: opts.now, discardPlans }) };
      });
      if (!done) {
        exhausted = true;
        return;
      }
      const { batch, written } = done;
      laneBatches += 1;
      for (const { decision } of batch) result.actions[decision.action] += 1;
      result.accounts += batch.length;
      result.written += written;
      result.batches += 1;
      await opts.onBatch?.(written);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, lane));
  if (result.accounts > 0) deps.logger.info({ code: 'OUTREACH.SWEPT', ...result.actions, accounts: result.accounts, written: result.written, batches: result.batches }, 'outreach sweep');
  return result;
}
