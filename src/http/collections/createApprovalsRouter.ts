import express from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { listApprovals } from '../../adapters/db/collections/listApprovals';
import type { DB } from '../../adapters/db/schema';
import { decideApproval } from '../../collections/decideApproval';
import type { ApiRole } from '../../config';
import type { Clock } from '../../ports/clock';
import { createRoleGuard } from '../createRoleGuard';
import { sendError } from '../sendError';

export interface ApprovalsRouterDeps {
  db: Kysely<DB>;
  clock: Clock;
  apiTokens: ReadonlyArray<{ token: string; role: ApiRole; name?: string }>;
  /** Called after a decision queued an event for a conversation (main.ts wakes the event dispatcher). */
  onEventsQueued?: () => void;
}

const deciders: ApiRole[] = ['supervisor', 'admin'];

const listQuery = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.uuid({ error: 'must be the nextCursor of the previous page' }).optional(),
});
const approvalId = z.uuid();

/**
 * The supervisor approval queue, mounted under /api (roles supervisor and admin): GET /approvals (status, default
 * pending; oldest first; keyset paging with limit and cursor=nextCursor), POST /approvals/:id/approve and
 * POST /approvals/:id/reject (200 with the decision; decided_by is the token's role and name; 404 unknown id; 409
 * already decided). A decision is audited and told to the debtor's conversation (approval_granted /
 * approval_denied); nothing is accepted on their behalf. Does DB I/O per request.
 */
export function createApprovalsRouter(deps: ApprovalsRouterDeps): express.Router {
  const router = express.Router();
  const requireRole = createRoleGuard(deps.apiTokens);

  router.get('/approvals', requireRole(...deciders), async (req, res) => {
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(query)', message: i.message }));
      return sendError(res, { code: 'API.INVALID_QUERY', message: details.map((d) => `${d.field} ${d.message}`).join('; '), details });
    }
    const { cursor, ...filters } = parsed.data;
    const approvals = await listApprovals(deps.db, { ...filters, after: cursor });
    const last = approvals.at(-1);
    res.json({ approvals, nextCursor: last && approvals.length === filters.limit ? last.id : null });
  });

  for (const [action, decision] of [['approve', 'approved'], ['reject', 'rejected']] as const) {
    router.post(`/approvals/:id/${action}`, requireRole(...deciders), async (req, res) => {
      const id = approvalId.safeParse(req.params.id);
      if (!id.success) return sendError(res, { code: 'APPROVAL.NOT_FOUND', message: 'No approval request with that id' });
      const result = await decideApproval(deps.db, { approvalId: id.data, decision, decidedBy: String(res.locals.actor ?? res.locals.role), now: deps.clock.now() });
      if (!result.ok) return sendError(res, result.error);
      if (result.value.conversationId) deps.onEventsQueued?.();
      res.json({ approval: result.value });
    });
  }

  return router;
}
