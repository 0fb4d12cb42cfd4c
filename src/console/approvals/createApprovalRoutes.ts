import express from 'express';
import { decideApproval } from '../../collections/decideApproval';
import { requireConsoleRole } from '../auth/requireConsoleSession';
import { formField, sessionOf } from '../auth/requestHelpers';
import type { ConsoleDeps } from '../consoleDeps';
import type { ChangeFeed } from '../live/createChangeFeed';
import { ApprovalsPage } from '../views/ApprovalsPage';
import { renderPage } from '../views/Layout';
import { loadApprovalQueue } from './loadApprovalQueue';

const MESSAGES: Record<string, string> = {
  approved: 'Approved: the debtor is being told.',
  rejected: 'Rejected: the debtor is being told.',
  'APPROVAL.NOT_FOUND': 'There is no such request.',
  'APPROVAL.DECISION_CONFLICT': 'Someone decided this request already.',
};

/**
 * GET /approvals (the pending queue) and POST /approvals/:id/decide (decision = approved | rejected, optional note):
 * decideApproval records it, audits it and queues approval_granted / approval_denied for the conversation, so the
 * debtor hears the outcome; the note is kept as an internal note of that conversation. Viewers cannot decide. Does I/O.
 */
export function createApprovalRoutes(deps: ConsoleDeps, feed: ChangeFeed): express.Router {
  const router = express.Router();
  router.get('/approvals', async (req, res, next) => {
    try {
      const result = typeof req.query.result === 'string' ? MESSAGES[req.query.result] : undefined;
      res.type('html').send(renderPage(ApprovalsPage({ session: sessionOf(res), items: await loadApprovalQueue(deps.db), ...(result ? { message: result } : {}) })));
    } catch (error) {
      next(error);
    }
  });
  router.post('/approvals/:id/decide', requireConsoleRole('admin', 'supervisor'), async (req, res, next) => {
    try {
      const decision = formField(req, 'decision');
      const id = String(req.params.id);
      if ((decision !== 'approved' && decision !== 'rejected') || !/^[0-9a-f-]{36}$/i.test(id)) {
        res.status(400).type('text').send('decision must be approved or rejected, for a known request');
        return;
      }
      const user = sessionOf(res).user;
      const now = deps.clock.now();
      const result = await decideApproval(deps.db, { approvalId: id, decision, decidedBy: `console:${user.email}`, now });
      if (!result.ok) {
        res.redirect(303, `/console/approvals?result=${result.error.code}`);
        return;
      }
      const note = formField(req, 'note').trim().slice(0, 2000);
      const conversationId = result.value.conversationId;
      if (conversationId) {
        const conversation = await deps.db.selectFrom('conversations').select(['id', 'debtorId']).where('id', '=', conversationId).executeTakeFirstOrThrow();
        const noteRow = note ? await deps.db.insertInto('conversationNotes').values({ conversationId, authorId: user.id, body: note, createdAt: now }).returning('id').executeTakeFirstOrThrow() : undefined;
        await deps.db
          .insertInto('auditEvents')
          .values({ at: now, actor: `console:${user.id}`, conversationId, debtorId: conversation.debtorId, code: 'CONSOLE.APPROVAL_DECIDED', data: JSON.stringify({ userId: user.id, approvalRequestId: id, decision, ...(noteRow ? { noteId: noteRow.id } : {}) }) })
          .execute();
        deps.onEventsQueued?.();
      }
      feed.poke();
      res.redirect(303, `/console/approvals?result=${decision}`);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
