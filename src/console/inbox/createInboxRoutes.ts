import express from 'express';
import { sessionOf } from '../auth/requestHelpers';
import type { ConsoleDeps } from '../consoleDeps';
import type { ChangeFeed } from '../live/createChangeFeed';
import { InboxList, InboxPage } from '../views/InboxPage';
import { renderFragment, renderPage } from '../views/Layout';
import { inboxQuerySchema } from './inboxFilters';
import { countInboxTabs, listInbox } from './listInbox';
import { loadFilterOptions } from './loadFilterOptions';
import { searchMessages } from './searchMessages';

/**
 * GET /inbox (tabs, filters, search; `fragment=list` returns only the list, for the live refresh) and GET /events
 * (the Server-Sent Events stream). A bad filter gets 400 with what is wrong. Does I/O.
 */
export function createInboxRoutes(deps: ConsoleDeps, feed: ChangeFeed): express.Router {
  const router = express.Router();
  router.get('/events', (req, res) => feed.serve(req, res));
  router.get('/inbox', async (req, res, next) => {
    try {
      const session = sessionOf(res);
      const parsed = inboxQuerySchema.safeParse(req.query);
      if (!parsed.success) {
        const error = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        const query = inboxQuerySchema.parse({});
        const counts = await countInboxTabs(deps.db, query);
        res.status(400).type('html').send(renderPage(InboxPage({ session, query, counts, list: undefined, search: undefined, options: await loadFilterOptions(deps.db), now: deps.clock.now(), error })));
        return;
      }
      const query = parsed.data;
      const now = deps.clock.now();
      if (req.query.fragment === 'list') {
        const list = await listInbox(deps.db, query);
        const counts = await countInboxTabs(deps.db, query);
        res.set('X-Tab-Counts', JSON.stringify(counts));
        res.type('html').send(renderFragment(InboxList({ query, list, masked: session.user.role === 'viewer', now })));
        return;
      }
      const q = query.q;
      const [counts, list, search, options] = await Promise.all([
        countInboxTabs(deps.db, query),
        q ? Promise.resolve(undefined) : listInbox(deps.db, query),
        q ? searchMessages(deps.db, { ...query, q }) : Promise.resolve(undefined),
        loadFilterOptions(deps.db),
      ]);
      res.type('html').send(renderPage(InboxPage({ session, query, counts, list, search, options, now })));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
