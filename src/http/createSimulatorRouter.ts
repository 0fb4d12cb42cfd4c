import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../adapters/db/schema';
import { createWebSession } from '../adapters/channels/web/createWebSession';
import { isWebSession } from '../adapters/channels/web/isWebSession';
import { listDemoDebtors } from '../adapters/channels/web/listDemoDebtors';
import { listWebMessages } from '../adapters/channels/web/listWebMessages';
import type { Clock } from '../ports/clock';
import { enqueueInbound } from '../pipeline/receive/enqueueInbound';
import type { InboundMessage } from '../pipeline/receive/inboundMessage';
import type { StoredInbound } from '../pipeline/receive/storeInboundMessages';
import { rejectInvalidText } from './rejectInvalidText';
import { sendError } from './sendError';

export interface SimulatorDeps {
  db: Kysely<DB>;
  clock: Clock;
  onInboundStored?: () => void;
  /** Stores an inbound message (the service passes its batcher); default enqueueInbound on `db`. */
  enqueue?: (message: InboundMessage) => Promise<StoredInbound>;
}

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public', 'simulator');
const session = z.string().regex(/^sim-[0-9a-f-]{36}$/, 'must be a session id returned by POST /simulator/api/sessions');
const createSessionBody = z.object({ debtorId: z.string().min(1).max(100) });
const messageBody = z.object({
  session,
  text: z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters'),
  /** Optional client id so a re-sent POST is stored once. */
  clientMessageId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/).optional(),
});
const pollQuery = z.object({ session, after: z.iso.datetime({ offset: true }).optional() });

/**
 * The web simulator: a static page at /simulator and a credential-free JSON API that opens a session for a
 * demo debtor, enqueues typed text through the same inbox pipeline as Twilio (channel 'web') and returns the
 * conversation's messages for polling. Only demo debtors, and only the caller's own session. Does DB I/O.
 */
export function createSimulatorRouter(deps: SimulatorDeps): express.Router {
  const router = express.Router();
  const json = express.json({ limit: '8kb' });
  const checked = rejectInvalidText();
  const enqueue = deps.enqueue ?? ((message: InboundMessage) => enqueueInbound(deps.db, message));

  router.get('/simulator', (req, res, next) => {
    // Relative asset URLs in the page need the trailing slash.
    if (req.originalUrl === '/simulator') res.redirect(301, '/simulator/');
    else next();
  });
  router.use('/simulator', express.static(publicDir, { index: 'index.html', maxAge: 0 }));

  router.get('/simulator/api/debtors', async (_req, res) => {
    res.json({ debtors: await listDemoDebtors(deps.db) });
  });

  router.post('/simulator/api/sessions', json, checked, async (req, res) => {
    const parsed = createSessionBody.safeParse(req.body);
    if (!parsed.success) return sendError(res, invalid(parsed.error));
    const result = await createWebSession(deps.db, parsed.data.debtorId, deps.clock.now());
    if (!result.ok) return sendError(res, result.error);
    res.status(201).json({ session: result.session, debtor: result.debtor });
  });

  router.post('/simulator/api/messages', json, checked, async (req, res) => {
    const parsed = messageBody.safeParse(req.body);
    if (!parsed.success) return sendError(res, invalid(parsed.error));
    const { text, clientMessageId } = parsed.data;
    if (!(await isWebSession(deps.db, parsed.data.session, deps.clock.now()))) return sendError(res, sessionNotFound);
    const { inserted, inboxId } = await enqueue({
      channel: 'web',
      providerMessageId: `${parsed.data.session}:${clientMessageId ?? randomUUID()}`,
      from: parsed.data.session,
      body: text,
      receivedAt: deps.clock.now(),
    });
    if (inserted) deps.onInboundStored?.();
    res.status(202).json({ accepted: true, duplicate: !inserted, inboxId });
  });

  router.get('/simulator/api/messages', async (req, res) => {
    const parsed = pollQuery.safeParse(req.query);
    if (!parsed.success) return sendError(res, invalid(parsed.error));
    if (!(await isWebSession(deps.db, parsed.data.session, deps.clock.now()))) return sendError(res, sessionNotFound);
    const after = parsed.data.after ? new Date(parsed.data.after) : undefined;
    const messages = await listWebMessages(deps.db, parsed.data.session, after);
    const cursor = messages.at(-1)?.at ?? parsed.data.after ?? null;
    res.set('Cache-Control', 'no-store').json({ messages, cursor });
  });

  return router;
}

const sessionNotFound = { code: 'SIMULATOR.SESSION_NOT_FOUND', message: 'Unknown simulator session; start a new one' };

function invalid(error: z.ZodError): { code: string; message: string; details: Array<{ field: string; message: string }> } {
  const details = error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  return { code: 'SIMULATOR.INVALID_INPUT', message: details.map((d) => `${d.field} ${d.message}`).join('; '), details };
}
