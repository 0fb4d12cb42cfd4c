import express from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ApiRole } from '../config';
import type { DB } from '../adapters/db/schema';
import { getConversation } from '../adapters/db/repositories/getConversation';
import { getDebtorDetails } from '../adapters/db/repositories/getDebtorDetails';
import { getDebtorByExternalId } from '../adapters/db/repositories/getDebtorByExternalId';
import { listConversations } from '../adapters/db/repositories/listConversations';
import type { ConversationCursor } from '../adapters/db/repositories/listConversations';
import { createRoleGuard } from './createRoleGuard';
import { sendError } from './sendError';

export interface ApiDeps {
  db: Kysely<DB>;
  apiTokens: ReadonlyArray<{ token: string; role: ApiRole }>;
}

const readers: ApiRole[] = ['admin', 'supervisor', 'viewer'];

const listQuery = z.strictObject({
  status: z.enum(['active', 'ended', 'unknown_contact']).optional(),
  channel: z.enum(['sms', 'whatsapp', 'baileys', 'web']).optional(),
  debtor: z.string().min(1).max(100).optional(),
  handoff: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Keyset cursor: the nextCursor of the previous page (opaque). */
  before: z.string().max(200).optional(),
});
const uuid = z.uuid();

/**
 * The REST API under /api (bearer-token auth with roles): GET /conversations (filters status, channel,
 * debtor (external id), handoff; keyset pagination with limit and before=nextCursor), GET /conversations/:id (with messages) and
 * GET /debtors/:externalId. Reads only; does DB I/O.
 */
export function createApiRouter(deps: ApiDeps): express.Router {
  const router = express.Router();
  const requireRole = createRoleGuard(deps.apiTokens);

  router.get('/conversations', requireRole(...readers), async (req, res) => {
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) return sendError(res, invalidQuery(parsed.error));
    const { debtor, before, ...filters } = parsed.data;
    const after = before === undefined ? undefined : decodeCursor(before);
    if (after === null) return sendError(res, { code: 'API.INVALID_QUERY', message: 'before is not a cursor this API returned (pass nextCursor as it came)', details: [{ field: 'before', message: 'unknown cursor' }] });
    const debtorId = debtor === undefined ? undefined : (await getDebtorByExternalId(deps.db, debtor))?.id;
    if (debtor !== undefined && debtorId === undefined) return res.json({ conversations: [], nextCursor: null });
    const page = await listConversations(deps.db, { ...filters, debtorId, after });
    res.json({ conversations: page.conversations, nextCursor: page.next ? encodeCursor(page.next) : null });
  });

  router.get('/conversations/:id', requireRole(...readers), async (req, res) => {
    const id = uuid.safeParse(req.params.id);
    const conversation = id.success ? await getConversation(deps.db, id.data) : undefined;
    if (!conversation) return sendError(res, { code: 'CONVERSATION.NOT_FOUND', message: 'No conversation with that id' });
    res.json({ conversation });
  });

  router.get('/debtors/:externalId', requireRole(...readers), async (req, res) => {
    const externalId = z.string().min(1).max(200).safeParse(req.params.externalId);
    const debtor = externalId.success ? await getDebtorDetails(deps.db, externalId.data) : undefined;
    if (!debtor) return sendError(res, { code: 'DEBTOR.NOT_FOUND', message: 'No debtor with that external id' });
    res.json({ debtor });
  });

  return router;
}

const cursorSchema = z.strictObject({ t: z.iso.datetime({ offset: true, precision: 6 }), id: z.uuid() });

/** An opaque page cursor: (updated_at with microseconds, id) as base64url JSON. Pure. */
function encodeCursor(cursor: ConversationCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.updatedAt, id: cursor.id })).toString('base64url');
}

/** The cursor encoded by encodeCursor, or null for anything else. Pure. */
function decodeCursor(text: string): ConversationCursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { updatedAt: parsed.data.t, id: parsed.data.id } : null;
  } catch {
    return null;
  }
}

function invalidQuery(error: z.ZodError): { code: string; message: string; details: Array<{ field: string; message: string }> } {
  const details = error.issues.map((i) => ({ field: i.path.join('.') || '(query)', message: i.message }));
  return { code: 'API.INVALID_QUERY', message: details.map((d) => `${d.field} ${d.message}`).join('; '), details };
}
