import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { createPortfolioStaging, findCrossRowFindings } from '../adapters/db/collections/portfolioStaging';
import type { DB } from '../adapters/db/schema';
import { describeCrossRowFinding } from '../core/portfolio/crossRowFinding';
import type { PortfolioEncoding } from '../core/portfolio/portfolioEncoding';
import { createIssueCollector, type PortfolioIssue } from '../core/portfolio/portfolioIssue';
import { stagePortfolioFile, type ReadProgress } from './portfolioImport/stagePortfolioFile';
import { writeStagedPortfolio } from './portfolioImport/writeStagedPortfolio';

export interface ImportSummary {
  rows: number;
  /** A debtor is `updated` when their row, contact points or verification factors changed. */
  debtors: { created: number; updated: number; unchanged: number };
  accounts: { created: number; updated: number; unchanged: number };
  contacts: {
    /** Contact points (one per channel) that belonged to another debtor and now belong to the file's. */
    moved: number;
    /** Numbers no longer in the file, taken from their debtor. */
    removed: number;
    /** Contact points whose consent the file withdrew. */
    consentWithdrawn: number;
    /** Contact points the file gave consent to that stay without it: the person opted out, or consent was off. */
    consentNotRestored: number;
    /** Open conversations ended because their number changed hands. */
    conversationsEnded: number;
  };
}

export type ImportPortfolioResult =
  | { ok: true; value: ImportSummary }
  | { ok: false; error: { code: 'PORTFOLIO.INVALID'; message: string }; issues: PortfolioIssue[]; totalIssues: number };

/**
 * Bytes read at a time from a file: each piece is validated in one stretch of synchronous work (about 70 rows), so
 * the event loop gets a turn at least that often.
 */
export const IMPORT_PIECE_BYTES = 16_384;

/** What an import is doing, for its job's progress. */
export type ImportProgress = ReadProgress & { phase: 'waiting' | 'reading' | 'checking' | 'writing'; rowsWritten: number };

export interface ImportPortfolioOptions {
  now: Date;
  /** Audit actor, e.g. `import:cli`, `api:admin`, `seed`. */
  actor?: string;
  /** Rows per statement when writing (default 1000: each batch is a short stretch of synchronous work). */
  chunkSize?: number;
  /** The file's declared encoding (default UTF-8, which is then checked byte by byte). */
  encoding?: PortfolioEncoding;
  /** Problems kept in the answer (default 500; all are counted). */
  maxIssues?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** A background job's id: its transaction holds an advisory lock on it, so any process can tell a dead job's row. */
  jobId?: string;
}

/** The advisory lock class of a running import job (the second key is hashtext(job id)). */
export const IMPORT_JOB_LOCK = 'pacto.portfolio_import_job';

/**
 * Imports a portfolio CSV given as a stream of bytes, all-or-nothing, with memory bounded by one batch whatever the
 * file's size: in ONE transaction (imports serialised by an advisory lock), reads and validates the file as it
 * arrives and stages its valid rows in a temporary table (stagePortfolioFile), then checks across rows and against
 * the database in SQL (an account listed twice, a debtor's rows disagreeing, a phone given to two debtors, an
 * account moving to another debtor or changing currency). On any problem nothing is written and every problem is
 * returned (`line N, column NAME`). Otherwise writes debtors, contact points (opt-outs kept, conversations on
 * numbers that change hands ended), hashed verification factors and accounts from the staging table in batches
 * (writeStagedPortfolio), and one PORTFOLIO.IMPORTED audit event when anything changed. Does I/O.
 */
export async function importPortfolioStream(db: Kysely<DB>, source: AsyncIterable<Uint8Array>, options: ImportPortfolioOptions): Promise<ImportPortfolioResult> {
  const issues = createIssueCollector(options.maxIssues ?? 500);
  const actor = options.actor ?? 'import';
  let progress: ImportProgress = { phase: 'waiting', bytesRead: 0, rowsRead: 0, rowsWritten: 0 };
  const report = (change: Partial<ImportProgress>): void => {
    progress = { ...progress, ...change };
    options.onProgress?.(progress);
  };
  return db.transaction().execute(async (trx): Promise<ImportPortfolioResult> => {
    // Taken before waiting for the import lock below, so a job queued behind another one is seen alive too.
    if (options.jobId !== undefined) await sql`SELECT pg_advisory_xact_lock(hashtext(${IMPORT_JOB_LOCK}), hashtext(${options.jobId}))`.execute(trx);
    // One import at a time: the checks against existing accounts and numbers hold until this one commits.
    await sql`SELECT pg_advisory_xact_lock(hashtext('pacto.portfolio_import'))`.execute(trx);
    report({ phase: 'reading' });
    await createPortfolioStaging(trx);
    const { rows, complete } = await stagePortfolioFile(trx, source, { encoding: options.encoding ?? 'utf-8', issues, onProgress: (read) => report(read) });
    report({ phase: 'checking' });
    if (complete) {
      const across = await findCrossRowFindings(trx, options.maxIssues ?? 500);
      across.findings.map(describeCrossRowFinding).forEach(issues.report);
      issues.countMore(across.total - across.findings.length);
    }
    if (issues.total() > 0) {
      const sorted = [...issues.issues].sort((a, b) => a.line - b.line).slice(0, options.maxIssues ?? 500);
      return { ok: false, error: { code: 'PORTFOLIO.INVALID', message: `the file has ${issues.total()} problem(s); nothing was imported` }, issues: sorted, totalIssues: issues.total() };
    }
    report({ phase: 'writing' });
    const summary = await writeStagedPortfolio(trx, { rows, now: options.now, actor, chunkSize: options.chunkSize ?? 1000, onWritten: (rowsWritten) => report({ rowsWritten }) });
    const changed = summary.debtors.created + summary.debtors.updated + summary.accounts.created + summary.accounts.updated + summary.contacts.moved + summary.contacts.removed;
    if (changed > 0) {
      await trx.insertInto('auditEvents').values({ at: options.now, actor, code: 'PORTFOLIO.IMPORTED', data: JSON.stringify(summary), conversationId: null, debtorId: null }).execute();
    }
    return { ok: true, value: summary };
  });
}

/** importPortfolioStream over a text already in memory (the seed, tests, small callers), fed in pieces. Does I/O. */
export async function importPortfolio(db: Kysely<DB>, csvText: string, options: ImportPortfolioOptions): Promise<ImportPortfolioResult> {
  return importPortfolioStream(db, textPieces(csvText), options);
}

/** The UTF-8 bytes of a text in IMPORT_PIECE_BYTES pieces, giving the event loop a turn between pieces. */
async function* textPieces(text: string): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += IMPORT_PIECE_BYTES) {
    yield bytes.subarray(i, i + IMPORT_PIECE_BYTES);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
