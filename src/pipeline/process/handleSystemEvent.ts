import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, InboxRow } from '../../adapters/db/schema';
import { step } from '../../core/engine/step';
import { applyEffects } from './applyEffects';
import type { PipelineDeps } from '../pipelineDeps';
import { readStoredSession } from './readStoredSession';
import { recordAudit } from '../recordAudit';
import { resolveFlow } from './resolveFlow';

const eventPayloadSchema = z.object({
  eventId: z.uuid(),
  conversationId: z.uuid(),
  name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  data: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Processes a system event (an inbox row of kind 'event': payment_received, approval_granted, approval_denied)
 * inside the caller's transaction, under the same conversation lock as messages: steps the conversation's flow
 * with `{ kind: 'system', name, data }` and writes the effects. Ignored (audited EVENT.IGNORED) when the
 * conversation ended, is handed off to a person, or has no debtor. Does I/O.
 */
export async function handleSystemEvent(trx: Kysely<DB>, deps: PipelineDeps, row: InboxRow, now: Date): Promise<{ conversationId: string | null; replies: number }> {
  const payload = eventPayloadSchema.safeParse(row.payload);
  if (!payload.success) throw new Error(`event inbox row ${row.id} has a malformed payload`);
  const { name, data, eventId } = payload.data;
  const conversation = await trx.selectFrom('conversations').selectAll().where('id', '=', payload.data.conversationId).forUpdate().executeTakeFirst();
  if (!conversation) return { conversationId: null, replies: 0 };
  if (conversation.status !== 'active' || conversation.handoff || !conversation.debtorId) {
    await recordAudit(trx, conversation, now, 'EVENT.IGNORED', { event: name, eventId, status: conversation.status, handoff: conversation.handoff });
    return { conversationId: conversation.id, replies: 0 };
  }
  const facts = await deps.facts.loadFacts(trx, conversation.debtorId);
  if (!facts) throw new Error(`conversation ${conversation.id} has no debtor facts`);
  const { flow, session } = resolveFlow(deps, conversation);
  const stepped = step(flow, session, { kind: 'system', name, data }, facts, now);
  await recordAudit(trx, conversation, now, 'EVENT.DELIVERED', { event: name, eventId });
  const llmCalls = readStoredSession(conversation.session)?.llmCalls ?? 0;
  const applied = await applyEffects(trx, { conversation, session: stepped.session, llmCalls, effects: stepped.effects, inboxId: row.id, now, domainEffects: deps.domainEffects });
  return { conversationId: conversation.id, replies: applied.replies };
}
