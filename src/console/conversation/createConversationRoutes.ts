import express from 'express';
import type { Response } from 'express';
import { requireConsoleRole } from '../auth/requireConsoleSession';
import { formField, sessionOf } from '../auth/requestHelpers';
import { listConsoleUsers } from '../auth/consoleUsers';
import type { ConsoleDeps } from '../consoleDeps';
import { addInternalNote } from '../control/addInternalNote';
import { statusForControlError } from '../control/controlResult';
import type { ControlErrorCode, ControlResult } from '../control/controlResult';
import { closeConversation, handBackConversation, handBackStates, noticeOnHandBack } from '../control/releaseConversation';
import { isWindowOpen, sendAgentReply } from '../control/sendAgentReply';
import { takeConversation } from '../control/takeConversation';
import type { ChangeFeed } from '../live/createChangeFeed';
import { ConversationPage, Transcript } from '../views/ConversationPage';
import { renderFragment, renderPage } from '../views/Layout';
import { explainTurns } from './explainTurns';
import { loadConversationView } from './loadConversationView';
import { loadDebtorPanel } from './loadDebtorPanel';
import { explainProactiveContact } from '../../adapters/compliance/explainProactiveContact';
import { parseStoredSession } from '../../pipeline/process/parseStoredSession';

/** What the page says for each failure code (never the request's own text). */
const ERROR_TEXT: Record<ControlErrorCode, string> = {
  'CONSOLE.NOT_FOUND': 'There is no such conversation.',
  'CONSOLE.CONVERSATION_ENDED': 'This conversation has ended.',
  'CONSOLE.TAKEN_BY_OTHER': 'A colleague took this conversation first.',
  'CONSOLE.NOT_YOURS': 'Take over the conversation before replying.',
  'CONSOLE.NOT_WITH_PERSON': 'The bot already has this conversation.',
  'CONSOLE.WINDOW_CLOSED': "WhatsApp's 24-hour window is closed: only an approved template can be sent.",
  'CONSOLE.NO_TEMPLATE': 'No approved template is configured (CONSOLE_REOPEN_TEMPLATE_SID).',
  'CONSOLE.INVALID_INPUT': 'The text is empty or too long.',
  'CONSOLE.UNKNOWN_STATE': 'The bot cannot resume in that state.',
  'CONSOLE.UNKNOWN_USER': 'There is no such colleague.',
};

function isErrorCode(value: unknown): value is ControlErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_TEXT, value);
}

/**
 * GET /conversations/:id (page; `fragment=transcript` for the live refresh) and the actions, each a POST that
 * answers 303 back to the page (with ?error=CODE and the matching status when it failed): take, assign, reply,
 * template, note, hand-back, close. Viewers may read but not act (403). Does I/O.
 */
export function createConversationRoutes(deps: ConsoleDeps, feed: ChangeFeed): express.Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '32kb' });
  const actor = requireConsoleRole('admin', 'supervisor');

  router.get('/conversations/:id', async (req, res, next) => {
    try {
      const session = sessionOf(res);
      const view = await loadConversationView(deps.db, req.params.id);
      if (!view) {
        res.status(404).type('text').send('There is no such conversation.');
        return;
      }
      const stored = parseStoredSession(view.conversation.session);
      const flow = stored ? (deps.flows.get(stored.flowId, stored.flowVersion) ?? deps.flows.current(stored.flowId)) : undefined;
      const whys = explainTurns(view.messages, view.audits, flow);
      const masked = session.user.role === 'viewer';
      if (req.query.fragment === 'transcript') {
        res.type('html').send(renderFragment(Transcript({ view, whys, masked })));
        return;
      }
      const now = deps.clock.now();
      const debtor = view.debtor;
      const [panel, users, explanation] = await Promise.all([
        debtor ? loadDebtorPanel(deps.db, debtor.id) : Promise.resolve(undefined),
        listConsoleUsers(deps.db),
        debtor ? explainProactiveContact(deps.db, deps.compliance, debtor.externalId, now) : Promise.resolve(null),
      ]);
      const nextContact = debtor && explanation ? { explanation, timeZone: debtor.timezone, now } : undefined;
      const error = isErrorCode(req.query.error) ? ERROR_TEXT[req.query.error] : undefined;
      res.status(isErrorCode(req.query.error) ? statusForControlError(req.query.error) : 200).type('html').send(
        renderPage(
          ConversationPage({
            session, view, whys, panel, nextContact, users, now, error,
            handBackStates: handBackStates(deps.flows, view.conversation.session),
            windowOpen: isWindowOpen(view.conversation, now),
            noticeOnHandBack: noticeOnHandBack(view.conversation, now),
            ...(deps.reopenTemplateSid ? { reopenTemplateSid: deps.reopenTemplateSid } : {}),
          }),
        ),
      );
    } catch (error) {
      next(error);
    }
  });

  const act = (run: (req: express.Request, res: Response) => Promise<ControlResult>, wakeSender: boolean): express.RequestHandler => async (req, res, next) => {
    try {
      const result = await run(req, res);
      const page = `/console/conversations/${encodeURIComponent(String(req.params.id))}`;
      if (!result.ok) {
        deps.logger.info({ code: result.error.code, conversationId: req.params.id }, 'console action refused');
        res.redirect(303, `${page}?error=${result.error.code}`);
        return;
      }
      if (wakeSender) deps.onOutboxQueued?.();
      feed.poke();
      res.redirect(303, page);
    } catch (error) {
      next(error);
    }
  };
  const id = (req: express.Request) => String(req.params.id);
  const user = (res: Response) => sessionOf(res).user;

  router.post('/conversations/:id/take', form, actor, act((req, res) => takeConversation(deps.db, { conversationId: id(req), actor: user(res), assignee: user(res), reassign: formField(req, 'reassign') === 'yes', now: deps.clock.now() }), true));
  router.post('/conversations/:id/assign', form, actor, act(async (req, res) => {
    const assignee = (await listConsoleUsers(deps.db)).find((u) => u.id === formField(req, 'userId') && u.role !== 'viewer');
    if (!assignee) return { ok: false, error: { code: 'CONSOLE.UNKNOWN_USER', message: 'no such colleague' } };
    return takeConversation(deps.db, { conversationId: id(req), actor: user(res), assignee, reassign: true, now: deps.clock.now() });
  }, true));
  router.post('/conversations/:id/reply', form, actor, act((req, res) => sendAgentReply(deps.db, { conversationId: id(req), user: user(res), body: formField(req, 'body'), now: deps.clock.now() }), true));
  router.post('/conversations/:id/template', form, actor, act(async (req, res) => {
    if (!deps.reopenTemplateSid) return { ok: false, error: { code: 'CONSOLE.NO_TEMPLATE', message: 'no template configured' } };
    return sendAgentReply(deps.db, { conversationId: id(req), user: user(res), body: '', now: deps.clock.now(), template: { contentSid: deps.reopenTemplateSid } });
  }, true));
  router.post('/conversations/:id/note', form, actor, act((req, res) => addInternalNote(deps.db, { conversationId: id(req), user: user(res), body: formField(req, 'body'), now: deps.clock.now() }), false));
  router.post('/conversations/:id/hand-back', form, actor, act((req, res) => handBackConversation(deps.db, deps.flows, { conversationId: id(req), user: user(res), state: formField(req, 'state'), now: deps.clock.now() }), true));
  router.post('/conversations/:id/close', form, actor, act((req, res) => closeConversation(deps.db, { conversationId: id(req), user: user(res), now: deps.clock.now() }), false));
  return router;
}
