import type { Kysely } from 'kysely';
import type { ConversationRow, DB } from '../../adapters/db/schema';
import type { Effect } from '../../core/engine/types';
import type { DomainEffectHandler } from '../pipelineDeps';

/** A domain effect of a step and the inbound message (messages.id) that caused it, if any. */
export interface PlannedDomainEffect {
  effect: Effect;
  messageId: string | null;
}

/** An audit event to insert for a domain effect no handler took. */
export interface UnhandledEffectAudit {
  at: Date;
  actor: string;
  conversationId: string;
  debtorId: string | null;
  code: string;
  data: string;
}

type EffectContext = { conversation: Pick<ConversationRow, 'id' | 'debtorId' | 'channel' | 'address'>; now: Date };

/**
 * Hands each domain effect to the domain handler inside the step's transaction (after the conversation and its
 * messages are written, so records can point at them) and returns, for each effect the handler does not take (or
 * every one, with no handler), the audit event EFFECT.<TYPE> that keeps it, with its payload: amounts, dates and
 * codes, never message bodies. Audit effects are already written by the caller. Does I/O (the handler's).
 */
export async function handleDomainEffects(trx: Kysely<DB>, handler: DomainEffectHandler | undefined, planned: readonly PlannedDomainEffect[], ctx: EffectContext): Promise<UnhandledEffectAudit[]> {
  const unhandled: UnhandledEffectAudit[] = [];
  for (const { effect, messageId } of planned) {
    const outcome = handler ? await handler(trx, effect, { ...ctx, messageId }) : { handled: false };
    if (outcome.handled || effect.type === 'audit') continue;
    unhandled.push({
      at: ctx.now, actor: 'bot', conversationId: ctx.conversation.id, debtorId: ctx.conversation.debtorId,
      code: `EFFECT.${effect.type.toUpperCase()}`, data: JSON.stringify({ effect }),
    });
  }
  return unhandled;
}

/** Inserts the audit events of unhandled effects (of one or many conversations) in one statement. Does I/O. */
export async function insertUnhandledEffectAudits(trx: Kysely<DB>, audits: readonly UnhandledEffectAudit[]): Promise<void> {
  if (audits.length > 0) await trx.insertInto('auditEvents').values([...audits]).execute();
}

/** handleDomainEffects, then its audit events inserted: for a caller with one conversation. Does I/O. */
export async function persistDomainEffects(trx: Kysely<DB>, handler: DomainEffectHandler | undefined, planned: readonly PlannedDomainEffect[], ctx: EffectContext): Promise<void> {
  await insertUnhandledEffectAudits(trx, await handleDomainEffects(trx, handler, planned, ctx));
}
