import type { Kysely } from 'kysely';
import type { ConversationRow, DB } from '../adapters/db/schema';
import type { Effect } from '../core/engine/types';
import type { DomainEffectHandler } from './pipelineDeps';

/** A domain effect of a step and the inbound message (messages.id) that caused it, if any. */
export interface PlannedDomainEffect {
  effect: Effect;
  messageId: string | null;
}

/**
 * Hands each domain effect to the domain handler inside the step's transaction (after the conversation and its
 * messages are written, so records can point at them). An effect the handler does not take (or every one, with no
 * handler) is kept as an audit event EFFECT.<TYPE> with its payload: amounts, dates and codes, never message
 * bodies. Audit effects are already written by the caller. Does I/O.
 */
export async function persistDomainEffects(
  trx: Kysely<DB>,
  handler: DomainEffectHandler | undefined,
  planned: readonly PlannedDomainEffect[],
  ctx: { conversation: Pick<ConversationRow, 'id' | 'debtorId' | 'channel' | 'address'>; now: Date },
): Promise<void> {
  for (const { effect, messageId } of planned) {
    const outcome = handler ? await handler(trx, effect, { ...ctx, messageId }) : { handled: false };
    if (outcome.handled || effect.type === 'audit') continue;
    await trx
      .insertInto('auditEvents')
      .values({
        at: ctx.now, actor: 'bot', conversationId: ctx.conversation.id, debtorId: ctx.conversation.debtorId,
        code: `EFFECT.${effect.type.toUpperCase()}`, data: JSON.stringify({ effect }),
      })
      .execute();
  }
}
