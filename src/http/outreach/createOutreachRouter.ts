import express from 'express';
import { z } from 'zod';
import type { ApiRole } from '../../config';
import type { Clock } from '../../ports/clock';
import type { PreviewDecision, PreviewLine } from '../../outreach/previewOutreach';
import { toPreviewDecision } from '../../outreach/previewOutreach';
import { createRoleGuard } from '../createRoleGuard';
import { sendError } from '../sendError';

export interface OutreachRouterDeps {
  clock: Clock;
  apiTokens: ReadonlyArray<{ token: string; role: ApiRole }>;
  /** The preview at an instant (previewOutreach over the configured cadences and gate). */
  preview: (at: Date) => AsyncIterable<PreviewLine[]>;
}

const previewQuery = z.strictObject({
  at: z.iso.datetime({ offset: true, error: 'must be an ISO instant with its offset, e.g. 2026-11-23T14:00:00Z' }).optional(),
});

/**
 * The outreach API, mounted under /api: GET /outreach/preview?at=ISO (supervisor or admin) answers
 * `{ at, decisions: [{ externalId, accountId, step, action, reason, channel, nextAllowedAt }] }`, what the sweep
 * would do at that instant (default now), writing nothing; 400 with the field for a bad `at`. Does DB I/O.
 */
export function createOutreachRouter(deps: OutreachRouterDeps): express.Router {
  const router = express.Router();
  const requireRole = createRoleGuard(deps.apiTokens);
  router.get('/outreach/preview', requireRole('supervisor', 'admin'), async (req, res) => {
    const query = previewQuery.safeParse(req.query);
    if (!query.success) {
      const details = query.error.issues.map((i) => ({ field: i.path.join('.') || String(i.code === 'unrecognized_keys' ? i.keys[0] : 'query'), message: i.message }));
      return sendError(res, { code: 'API.INVALID_QUERY', message: details.map((d) => `${d.field} ${d.message}`).join('; '), details });
    }
    const at = query.data.at ? new Date(query.data.at) : deps.clock.now();
    const decisions: PreviewDecision[] = [];
    for await (const lines of deps.preview(at)) decisions.push(...lines.map(toPreviewDecision));
    res.json({ at: at.toISOString(), decisions });
  });
  return router;
}
