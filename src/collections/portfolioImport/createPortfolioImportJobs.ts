import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../adapters/db/schema';
import type { PortfolioEncoding } from '../../core/portfolio/portfolioEncoding';
import { formatPortfolioIssue } from '../../core/portfolio/portfolioIssue';
import type { Logger } from '../../observability/createLogger';
import type { Clock } from '../../ports/clock';
import { IMPORT_JOB_LOCK, IMPORT_PIECE_BYTES, importPortfolioStream, type ImportPortfolioResult, type ImportProgress, type ImportSummary } from '../importPortfolio';

/** What an import failed with: PORTFOLIO.INVALID and every `line N, column NAME` problem, or an internal error. */
export interface ImportJobError {
  code: string;
  message: string;
  totalIssues?: number;
  details?: Array<{ line: number; column: string; message: string; text: string }>;
}

/** An import job as GET /api/portfolio/imports/:id shows it. */
export interface ImportJobView {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  actor: string;
  encoding: string;
  bytesTotal: number;
  startedAt: string;
  finishedAt: string | null;
  /** Live figures, from the process running the job (absent when another process runs it, or once it ended). */
  progress?: ImportProgress;
  summary?: ImportSummary;
  error?: ImportJobError;
}

export interface PortfolioImportJobs {
  /** Starts importing a file already on disk in the background (the file is deleted when it ends); returns its id. */
  start(input: { file: string; bytesTotal: number; encoding: PortfolioEncoding; actor: string }): Promise<string>;
  /** The job as stored, with live progress when this process runs it; undefined for an unknown id. */
  get(id: string): Promise<ImportJobView | undefined>;
  /** Resolves when no job started by this process is still running. */
  idle(): Promise<void>;
}

/** The error body of a failed import result (shared by the synchronous answer and the job). Pure. */
export function importErrorOf(result: Extract<ImportPortfolioResult, { ok: false }>): ImportJobError {
  const details = result.issues.map((issue) => ({ ...issue, text: formatPortfolioIssue(issue) }));
  return { code: result.error.code, message: result.error.message, totalIssues: result.totalIssues, details };
}

const storedError = z.object({
  code: z.string(), message: z.string(), totalIssues: z.number().optional(),
  details: z.array(z.object({ line: z.number(), column: z.string(), message: z.string(), text: z.string() })).optional(),
});
const storedSummary = z.object({
  rows: z.number(),
  debtors: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }),
  accounts: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }),
  contacts: z.object({ moved: z.number(), removed: z.number(), consentWithdrawn: z.number(), consentNotRestored: z.number(), conversationsEnded: z.number() }),
});

/** What a job whose process stopped before it finished reads as (nothing of it was written: imports are all-or-nothing). */
const INTERRUPTED: ImportJobError = {
  code: 'IMPORT.INTERRUPTED',
  message: 'the process running this import stopped before it finished; nothing was imported: send the file again',
};

/** How long a new job's row may wait for its transaction to take the job lock before a free lock means it died. */
const START_GRACE_MS = 60_000;

/**
 * Background portfolio imports: each job streams its file through importPortfolioStream (all-or-nothing, bounded
 * memory, the event loop free between pieces), records itself in portfolio_imports so any process can answer for it,
 * and keeps its live progress in this process. A job whose process died (killed, crashed) is reported failed with
 * IMPORT.INTERRUPTED the first time it is asked for: on PostgreSQL its transaction's advisory lock on the job is free;
 * on embedded PGlite only this process runs, so a running job it does not know is dead. Does I/O (file, database);
 * logs ids and codes only.
 */
export function createPortfolioImportJobs(deps: { db: Kysely<DB>; clock: Clock; logger: Logger; kind?: 'postgres' | 'pglite' }): PortfolioImportJobs {
  // Jobs this process runs: answered from memory, because on embedded PGlite the import's transaction holds the
  // one connection until it ends.
  const live = new Map<string, { view: ImportJobView; progress: ImportProgress; done: Promise<void> }>();

  async function run(id: string, input: { file: string; encoding: PortfolioEncoding; actor: string }, report: (p: ImportProgress) => void): Promise<void> {
    let outcome: { status: 'succeeded' | 'failed'; summary: ImportSummary | null; error: ImportJobError | null };
    try {
      const result = await importPortfolioStream(deps.db, createReadStream(input.file, { highWaterMark: IMPORT_PIECE_BYTES }), {
        now: deps.clock.now(), actor: input.actor, encoding: input.encoding, onProgress: report, jobId: id,
      });
      outcome = result.ok ? { status: 'succeeded', summary: result.value, error: null } : { status: 'failed', summary: null, error: importErrorOf(result) };
    } catch (err) {
      deps.logger.error({ code: 'IMPORT.FAILED', jobId: id, err: err instanceof Error ? err.message : String(err) }, 'portfolio import failed');
      outcome = { status: 'failed', summary: null, error: { code: 'IMPORT.FAILED', message: 'the import stopped on an internal error; nothing was imported: try again, and tell the operator if it persists' } };
    }
    await rm(input.file, { force: true });
    await deps.db
      .updateTable('portfolioImports')
      .set({ status: outcome.status, summary: outcome.summary === null ? null : JSON.stringify(outcome.summary), error: outcome.error === null ? null : JSON.stringify(outcome.error), finishedAt: deps.clock.now() })
      .where('id', '=', id)
      .execute();
    deps.logger.info({ code: 'IMPORT.FINISHED', jobId: id, status: outcome.status, errorCode: outcome.error?.code }, 'portfolio import finished');
  }

  /** A running job this process does not run: is its process gone? */
  async function isDead(id: string, startedAt: Date): Promise<boolean> {
    if (deps.kind === 'pglite') return true;
    if (deps.clock.now().getTime() - startedAt.getTime() < START_GRACE_MS) return false;
    return deps.db.transaction().execute(async (trx) => {
      const free = await sql<{ free: boolean }>`SELECT pg_try_advisory_xact_lock(hashtext(${IMPORT_JOB_LOCK}), hashtext(${id})) AS free`.execute(trx);
      return free.rows[0]?.free === true;
    });
  }

  /** Records a dead job as failed (unless its row changed meanwhile) and returns the row as it now stands. */
  async function markInterrupted(id: string) {
    const row = await deps.db
      .updateTable('portfolioImports')
      .set({ status: 'failed', error: JSON.stringify(INTERRUPTED), finishedAt: deps.clock.now() })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .returningAll()
      .executeTakeFirst();
    if (row) deps.logger.warn({ code: INTERRUPTED.code, jobId: id }, 'portfolio import interrupted: its process stopped');
    return row ?? (await deps.db.selectFrom('portfolioImports').selectAll().where('id', '=', id).executeTakeFirst());
  }

  return {
    async start(input) {
      const id = randomUUID();
      const startedAt = deps.clock.now();
      await deps.db
        .insertInto('portfolioImports')
        .values({ id, actor: input.actor, status: 'running', encoding: input.encoding, bytesTotal: input.bytesTotal, startedAt })
        .execute();
      const view: ImportJobView = { id, status: 'running', actor: input.actor, encoding: input.encoding, bytesTotal: input.bytesTotal, startedAt: startedAt.toISOString(), finishedAt: null };
      const progress: ImportProgress = { phase: 'waiting', bytesRead: 0, rowsRead: 0, rowsWritten: 0 };
      const entry = { view, progress, done: Promise.resolve() };
      live.set(id, entry);
      entry.done = run(id, input, (p) => {
        entry.progress = p;
      }).finally(() => live.delete(id));
      deps.logger.info({ code: 'IMPORT.STARTED', jobId: id, bytes: input.bytesTotal }, 'portfolio import started');
      return id;
    },

    async get(id) {
      if (!z.uuid().safeParse(id).success) return undefined;
      const running = live.get(id);
      if (running) return { ...running.view, progress: running.progress };
      const stored = await deps.db.selectFrom('portfolioImports').selectAll().where('id', '=', id).executeTakeFirst();
      if (!stored) return undefined;
      const row = stored.status === 'running' && (await isDead(stored.id, stored.startedAt)) ? await markInterrupted(stored.id) ?? stored : stored;
      return {
        id: row.id, status: row.status, actor: row.actor, encoding: row.encoding, bytesTotal: Number(row.bytesTotal),
        startedAt: row.startedAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null,
        ...(row.summary !== null ? { summary: storedSummary.parse(row.summary) } : {}),
        ...(row.error !== null ? { error: storedError.parse(row.error) } : {}),
      };
    },

    async idle() {
      await Promise.all([...live.values()].map((e) => e.done));
    },
  };
}
