import type { Effect } from '../core/engine/types';
import type { BatchWrites } from './batchWrites';

/**
 * Adds the effects of one engine step (for inbox row `inboxId`) to the batch: replies (message + outbox row,
 * numbered per inbox row so unique(inbox_id, seq) forbids a second copy), handoff, opt-out, timers, and domain
 * records as audit events (amounts, dates and codes; never message bodies). Returns the replies added. Pure
 * apart from `newId`.
 */
export function collectEffects(writes: BatchWrites, effects: readonly Effect[], ctx: { inboxId: string; channel: string; firstSeq: number; newId: () => string }): number {
  const optedOut = effects.some((e) => e.type === 'opt_out');
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
        break;
      default:
        // Domain records (promise, plan, approval, dispute, wrong party) are kept as audit events until their
        // tables are written here; their payloads are amounts, dates and codes, not personal data.
        audit(`EFFECT.${effect.type.toUpperCase()}`, { effect });
    }
  }
  return seq - ctx.firstSeq;
}
