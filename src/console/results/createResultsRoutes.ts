import express from 'express';
import { z } from 'zod';
import { sessionOf } from '../auth/requestHelpers';
import type { ConsoleDeps } from '../consoleDeps';
import { renderPage } from '../views/Layout';
import { ResultsPage } from '../views/ResultsPage';
import { breakdowns, computeResults } from './computeResults';
import { resultsToCsv } from './resultsToCsv';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/** The period query: from/to (default the last 30 days to today, UTC) and the breakdown (default creditor). */
function periodSchema(today: string, monthAgo: string) {
  return z
    .object({ from: isoDate.default(monthAgo), to: isoDate.default(today), by: z.enum(breakdowns).default('creditor') })
    .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['from'] });
}

/** GET /results (the dashboard) and GET /results.csv (every figure, formula-neutralised). A bad period gets 400. Does I/O. */
export function createResultsRoutes(deps: ConsoleDeps): express.Router {
  const router = express.Router();
  const parse = (query: unknown) => {
    const now = deps.clock.now();
    return periodSchema(now.toISOString().slice(0, 10), new Date(now.getTime() - 29 * 86_400_000).toISOString().slice(0, 10)).safeParse(query);
  };
  router.get('/results', async (req, res, next) => {
    try {
      const parsed = parse(req.query);
      const period = parsed.success ? parsed.data : parse({}).data;
      if (!period) throw new Error('the default period does not parse');
      const error = parsed.success ? undefined : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      const results = await computeResults(deps.db, period);
      res.status(error ? 400 : 200).type('html').send(renderPage(ResultsPage({ session: sessionOf(res), results, ...(error ? { error } : {}) })));
    } catch (error) {
      next(error);
    }
  });
  router.get('/results.csv', async (req, res, next) => {
    try {
      const parsed = parse(req.query);
      if (!parsed.success) {
        res.status(400).type('text').send(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        return;
      }
      const results = await computeResults(deps.db, parsed.data);
      res.attachment(`pacto-results-${parsed.data.from}-${parsed.data.to}.csv`).type('text/csv').send(resultsToCsv(results));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
