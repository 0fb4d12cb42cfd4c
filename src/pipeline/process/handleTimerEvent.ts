import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, InboxRow } from '../../adapters/db/schema';
import { step } from '../../core/engine/step';
import { applyEffects } from './applyEffects';
import { resolveFlow } from './resolveFlow';
import type { PipelineDeps } from '../pipelineDeps';
import { readStoredSession } from './readStoredSession';
import { recordAudit } from '../recordAudit';

const timerPayloadSchema = z.object({ conversationId: z.uuid(), timer: z.string().min(1) });

/**
 * Processes a fired inactivity timer (an inbox row of kind 'timeout') inside the caller's transaction, under the
 * same conversation lock as messages. Ignored when the conversation ended or is handed off. Its messages are
 * 'proactive' outbox rows: the debtor did not just write, so the compliance gate applies every rule (hours, holidays,
 * caps, the WhatsApp window). Does I/O.
 */
export async function handleTimerEvent(trx: Kysely<DB>, deps: PipelineDeps, row: InboxRow, now: Date): Promise<{ conversationId: string | null; replies: number }> {
  const payload = timerPayloadSchema.safeParse(row.payload);
  if (!payload.success) throw new Error(`timer inbox row ${row.id} has a malformed payload`);
  const conversation = await trx.selectFrom('conversations').selectAll().where('id', '=', payload.data.conversationId).forUpdate().executeTakeFirst();
  if (!conversation) return { conversationId: null, replies: 0 };
  if (conversation.status !== 'active' || conversation.handoff || !conversation.debtorId) {
    await recordAudit(trx, conversation, now, 'TIMER.IGNORED', { timer: payload.data.timer, status: conversation.status, handoff: conversation.handoff });
    return { conversationId: conversation.id, replies: 0 };
  }
  const facts = await deps.facts.loadFacts(trx, conversation.debtorId);
  if (!facts) throw new Error(`conversation ${conversation.id} has no debtor facts`);
  const { flow, session } = resolveFlow(deps, conversation);
  const stepped = step(flow, session, { kind: 'timeout', timer: payload.data.timer }, facts, now);
  const llmCalls = readStoredSession(conversation.session)?.llmCalls ?? 0;
  const applied = await applyEffects(trx, { conversation, session: stepped.session, llmCalls, effects: stepped.effects, inboxId: row.id, now, domainEffects: deps.domainEffects, purpose: 'proactive' });
  return { conversationId: conversation.id, replies: applied.replies };
}
