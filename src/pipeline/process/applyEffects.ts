import type { Kysely } from 'kysely';
import { contactChannelOf } from '../../adapters/db/contactChannelOf';
import type { ConversationRow, DB, OutboxPurpose } from '../../adapters/db/schema';
import type { Effect, Session } from '../../core/engine/types';
import { insertReply } from './insertReply';
import { isDomainEffect } from './isDomainEffect';
import { persistDomainEffects, type PlannedDomainEffect } from './persistDomainEffects';
import type { DomainEffectHandler } from '../pipelineDeps';

export interface ApplyEffectsInput {
  conversation: ConversationRow;
  session: Session;
  /** The pipeline's per-conversation LLM call count, kept in the stored session beside the engine's fields. */
  llmCalls?: number;
  effects: readonly Effect[];
  /** The inbox row that caused these effects; with seq it makes each reply unique (one reply per inbound, once). */
  inboxId: string;
  now: Date;
  /** Where domain effects go (PipelineDeps.domainEffects); without it they are audited. */
  domainEffects?: DomainEffectHandler;
  /** The outbox purpose of the replies: 'proactive' for a fired inactivity timer (every compliance rule applies). */
  purpose?: OutboxPurpose;
}

export interface ApplyEffectsResult {
  replies: number;
  handoff: boolean;
  optedOut: boolean;
}

/**
 * Writes the effects of one engine step that no inbound message caused (a timer, a system event) inside the
 * caller's transaction: outbound messages + outbox rows, handoff flag, opt-out (consent off), timers, audits,
 * domain effects through the domain handler (persistDomainEffects), and the new session. Audit data never
 * carries message bodies. Does I/O.
 */
export async function applyEffects(trx: Kysely<DB>, input: ApplyEffectsInput): Promise<ApplyEffectsResult> {
  const { conversation, effects, now } = input;
  const audit = (code: string, data: Record<string, unknown> = {}) =>
    trx
      .insertInto('auditEvents')
      .values({ at: now, actor: 'bot', conversationId: conversation.id, debtorId: conversation.debtorId, code, data: JSON.stringify(data) })
      .execute();
  const optedOut = effects.some((e) => e.type === 'opt_out' || e.type === 'mark_wrong_party');
  const domain: PlannedDomainEffect[] = effects.filter(isDomainEffect).map((effect) => ({ effect, messageId: null }));
  let handoff = conversation.handoff;
  let seq = 0;
  for (const effect of effects) {
    switch (effect.type) {
      case 'say':
        await insertReply(trx, { conversation, inboxId: input.inboxId, seq: seq++, body: effect.text, template: effect.template, allowAfterOptOut: optedOut, ...(input.purpose ? { purpose: input.purpose } : {}), now });
        break;
      case 'handoff':
        handoff = true;
        await audit('CONVERSATION.HANDOFF', { reason: effect.reason });
        break;
      case 'opt_out':
        await revokeConsent(trx, conversation, now);
        await audit('CONSENT.OPT_OUT', { channel: conversation.channel });
        break;
      case 'schedule':
        await trx
          .insertInto('scheduledTimers')
          .values({ conversationId: conversation.id, timer: effect.timer, dueAt: effect.at })
          .onConflict((oc) => oc.columns(['conversationId', 'timer']).doUpdateSet({ dueAt: effect.at }))
          .execute();
        break;
      case 'cancel_schedule':
        await trx.deleteFrom('scheduledTimers').where('conversationId', '=', conversation.id).where('timer', '=', effect.timer).execute();
        break;
      case 'end':
        await trx.deleteFrom('scheduledTimers').where('conversationId', '=', conversation.id).execute();
        await audit('CONVERSATION.ENDED');
        break;
      case 'audit':
        await audit(effect.code, effect.data);
        break;
      default:
        // Domain effects: persisted below, once the loop has written the replies.
        break;
    }
  }
  await persistDomainEffects(trx, input.domainEffects, domain, { conversation, now });
  await trx
    .updateTable('conversations')
    .set({
      session: JSON.stringify({ ...input.session, llmCalls: input.llmCalls ?? 0 }),
      flowId: input.session.flowId,
      flowVersion: input.session.flowVersion,
      state: input.session.state,
      // A handed-off conversation stays open (and silent) for the agent even when the flow reached its end.
      status: input.session.status === 'ended' && !handoff ? 'ended' : 'active',
      handoff,
      updatedAt: now,
    })
    .where('id', '=', conversation.id)
    .execute();
  return { replies: seq, handoff: handoff && !conversation.handoff, optedOut };
}

/**
 * Opting out on one channel stops messages to that address on every channel of the same debtor, and is kept as the
 * person's own decision in address_opt_outs (no import undoes it).
 */
async function revokeConsent(trx: Kysely<DB>, conversation: ConversationRow, now: Date): Promise<void> {
  await trx
    .insertInto('addressOptOuts')
    .values({ channel: contactChannelOf(conversation.channel), address: conversation.address, optedOutAt: now, source: 'inbound', conversationId: conversation.id })
    .onConflict((oc) => oc.columns(['channel', 'address']).doNothing())
    .execute();
  let query = trx.updateTable('contactPoints').set({ consent: false, consentUpdatedAt: now }).where('address', '=', conversation.address);
  query = conversation.debtorId ? query.where('debtorId', '=', conversation.debtorId) : query.where('channel', '=', contactChannelOf(conversation.channel));
  await query.execute();
}
