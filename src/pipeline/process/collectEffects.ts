import type { Effect } from '../../core/engine/types';
import type { BatchWrites } from './batchWrites';
import { isDomainEffect } from './isDomainEffect';

/**
 * Adds the effects of one engine step (for inbox row `inboxId`) to the batch: replies (message + outbox row,
 * numbered per inbox row so unique(inbox_id, seq) forbids a second copy), handoff, opt-out, timers, audits, and
 * domain effects (written by persistDomainEffects with `messageId`, the inbound message that caused them).
 * A reply in the step that withdraws consent (opt-out, wrong party) still goes out. Returns the replies added.
 * Pure apart from `newId`.
 */
export function collectEffects(
  writes: BatchWrites,
  effects: readonly Effect[],
  ctx: { inboxId: string; channel: string; firstSeq: number; newId: () => string; messageId?: string | null },
): number {
  const optedOut = effects.some((e) => e.type === 'opt_out' || e.type === 'mark_wrong_party');
  let seq = ctx.firstSeq;
  const audit = (code: string, data: Record<string, unknown> = {}) => writes.audits.push({ actor: 'bot', code, data });
  for (const effect of effects) {
    switch (effect.type) {
      case 'say': {
        const messageId = ctx.newId();
        const outboxId = ctx.newId();
        const base = { body: effect.text, template: effect.template, inboxId: ctx.inboxId };
        writes.messages.push({ ...base, id: messageId, direction: 'out', outboxId, providerMessageId: null, status: 'pending' });
        writes.outbox.push({ ...base, id: outboxId, messageId, seq: seq++, allowAfterOptOut: optedOut });
        break;
      }
      case 'handoff':
        writes.handoff = true;
        audit('CONVERSATION.HANDOFF', { reason: effect.reason });
        break;
      case 'opt_out':
        writes.optOut = true;
        writes.optOutInboxId = ctx.inboxId;
        writes.resubscribe = false;
        audit('CONSENT.OPT_OUT', { channel: ctx.channel });
        break;
      case 'schedule':
        writes.timers.upsert.set(effect.timer, effect.at);
        writes.timers.cancel.delete(effect.timer);
        break;
      case 'cancel_schedule':
        writes.timers.upsert.delete(effect.timer);
        writes.timers.cancel.add(effect.timer);
        break;
      case 'end':
        writes.timers.upsert.clear();
        writes.timers.cancel.clear();
        writes.timers.clearAll = true;
        audit('CONVERSATION.ENDED');
        break;
      case 'audit':
        audit(effect.code, effect.data);
        if (isDomainEffect(effect)) writes.domain.push({ effect, messageId: ctx.messageId ?? null });
        break;
      default:
        writes.domain.push({ effect, messageId: ctx.messageId ?? null });
    }
  }
  return seq - ctx.firstSeq;
}
