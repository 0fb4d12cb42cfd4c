import express from 'express';
import { pino } from 'pino';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { listPlans } from '../../adapters/db/collections/listPlans';
import { listPromises } from '../../adapters/db/collections/listPromises';
import type { DB } from '../../adapters/db/schema';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { IMPORT_PIECE_BYTES, importPortfolioStream } from '../../collections/importPortfolio';
import { createPortfolioImportJobs, importErrorOf, type PortfolioImportJobs } from '../../collections/portfolioImport/createPortfolioImportJobs';
import { paymentInputSchema } from '../../collections/paymentInputSchema';
import { recordPayment } from '../../collections/recordPayment';
import type { ApiRole } from '../../config';
import type { Logger } from '../../observability/createLogger';
import type { Clock } from '../../ports/clock';
import { createRoleGuard } from '../createRoleGuard';
import { rejectInvalidText } from '../rejectInvalidText';
import { sendError } from '../sendError';
import { receiveCsvUpload } from './receiveCsvUpload';

export interface CollectionsRouterDeps {
  db: Kysely<DB>;
  clock: Clock;
  apiTokens: ReadonlyArray<{ token: string; role: ApiRole }>;
  /** Largest portfolio CSV accepted, in bytes (default 256 MB: ~100k rows is about 15 MB; memory does not grow with it). */
  importLimitBytes?: number;
  /** Files up to this size are imported within the request (200/422); larger ones become a job (202). Default 1 MB. */
  importSyncLimitBytes?: number;
  /** Background imports (default: created here over db, clock and logger). */
  importJobs?: PortfolioImportJobs;
  logger?: Logger;
  /** Called after a payment was recorded (it may have queued payment_received; main.ts wakes the event dispatcher). */
  onEventsQueued?: () => void;
}

const writers: ApiRole[] = ['admin', 'service'];
const readers: ApiRole[] = ['admin', 'supervisor', 'viewer', 'service'];

const listQuery = <S extends readonly [string, ...string[]]>(statuses: S) =>
  z.strictObject({
    status: z.enum(statuses).optional(),
    account: z.string().min(1).max(200).optional(),
    debtor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.uuid({ error: 'must be the nextCursor of the previous page' }).optional(),
  });
const promisesQuery = listQuery(['pending', 'kept', 'partially_kept', 'broken', 'cancelled'] as const);
const plansQuery = listQuery(['active', 'completed', 'broken', 'cancelled'] as const);

/**
 * The collections API, mounted under /api: POST /portfolio/import (text/csv, streamed to a temporary file; admin or
 * service): a file up to importSyncLimitBytes answers 200 with the summary or 422 with every `line N, column NAME`
 * problem and nothing written; a larger one (or `Prefer: respond-async`) answers 202 with a job and its Location,
 * GET /portfolio/imports/:id (admin or service) gives its progress and then its summary or errors. POST /payments (JSON; admin or
 * service; 201 recorded, 200 replay of the same external_payment_id), GET /promises and GET /plans (filters
 * status, account, debtor; keyset paging with limit and cursor=nextCursor). Does DB I/O per request.
 */
export function createCollectionsRouter(deps: CollectionsRouterDeps): express.Router {
  const router = express.Router();
  const requireRole = createRoleGuard(deps.apiTokens);

  const jobs = deps.importJobs ?? createPortfolioImportJobs({ db: deps.db, clock: deps.clock, logger: deps.logger ?? pino({ level: 'silent' }) });
  const syncLimit = deps.importSyncLimitBytes ?? 1024 * 1024;

  router.post('/portfolio/import', requireRole(...writers), async (req, res) => {
    const upload = await receiveCsvUpload(req, { limitBytes: deps.importLimitBytes ?? 256 * 1024 * 1024 });
    if (!upload.ok) return sendError(res, upload.error);
    const actor = `api:${String(res.locals.role)}`;
    if (upload.bytes > syncLimit || /\brespond-async\b/i.test(req.get('prefer') ?? '')) {
      const id = await jobs.start({ file: upload.file, bytesTotal: upload.bytes, encoding: upload.encoding, actor });
      res.status(202).location(`${req.baseUrl}/portfolio/imports/${id}`).json({ job: await jobs.get(id) });
      return;
    }
    try {
      const result = await importPortfolioStream(deps.db, createReadStream(upload.file, { highWaterMark: IMPORT_PIECE_BYTES }), { now: deps.clock.now(), actor, encoding: upload.encoding });
      if (!result.ok) return res.status(422).json({ error: importErrorOf(result) });
      res.json({ summary: result.value });
    } finally {
      await rm(upload.file, { force: true });
    }
  });

  router.get('/portfolio/imports/:id', requireRole(...writers), async (req, res) => {
    const job = await jobs.get(String(req.params.id));
    if (!job) return sendError(res, { code: 'IMPORT.NOT_FOUND', message: 'no portfolio import has this id' });
    res.json({ job });
  });

  router.post('/payments', requireRole(...writers), express.json({ limit: '16kb' }), rejectInvalidText(), async (req, res) => {
    const parsed = paymentInputSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, invalid('PAYMENT.INVALID', parsed.error));
    const result = await recordPayment(deps.db, parsed.data, { now: deps.clock.now(), actor: `api:${String(res.locals.role)}`, source: 'api' });
    if (!result.ok) return sendError(res, result.error);
    if (!result.value.replayed) deps.onEventsQueued?.();
    res.status(result.value.replayed ? 200 : 201).json({ payment: result.value });
  });

  router.get('/promises', requireRole(...readers), async (req, res) => {
    const parsed = promisesQuery.safeParse(req.query);
    if (!parsed.success) return sendError(res, invalid('API.INVALID_QUERY', parsed.error));
    const { account, debtor, cursor, ...rest } = parsed.data;
    const promises = await listPromises(deps.db, { ...rest, accountId: account, debtorId: debtor, before: cursor });
    res.json({ promises, nextCursor: nextCursor(promises, rest.limit) });
  });

  router.get('/plans', requireRole(...readers), async (req, res) => {
    const parsed = plansQuery.safeParse(req.query);
    if (!parsed.success) return sendError(res, invalid('API.INVALID_QUERY', parsed.error));
    const { account, debtor, cursor, ...rest } = parsed.data;
    const plans = await listPlans(deps.db, { ...rest, accountId: account, debtorId: debtor, before: cursor });
    res.json({ plans, nextCursor: nextCursor(plans, rest.limit) });
  });

  return router;
}

function nextCursor(items: ReadonlyArray<{ id: string }>, limit: number): string | null {
  const last = items.at(-1);
  return last && items.length === limit ? last.id : null;
}

function invalid(code: string, error: z.ZodError): { code: string; message: string; details: Array<{ field: string; message: string }> } {
  const details = error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  return { code, message: details.map((d) => `${d.field} ${d.message}`).join('; '), details };
}
