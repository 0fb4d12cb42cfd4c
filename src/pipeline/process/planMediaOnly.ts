import type { InboxRow } from '../../adapters/db/schema';
import type { CompiledFlow } from '../../core/engine/compiledFlow';
import { renderFlowTemplate } from '../../core/engine/renderFlowTemplate';
import type { Facts, Session } from '../../core/engine/types';
import type { BatchWrites } from './batchWrites';
import { collectEffects } from './collectEffects';

/** The notice for a media-only message where the flow has no `media_not_read` template. */
export const DEFAULT_MEDIA_ONLY_REPLY = 'Por ahora solo puedo leer mensajes de texto: ¿me lo escribes? / For now I can only read text: could you write it?';

/** Whether the row is a message with media and no text (a photo, a voice note): nothing the rules or the flow can read. Pure. */
export function isMediaOnly(row: Pick<InboxRow, 'body' | 'payload'>): boolean {
  const media = row.payload.numMedia;
  return row.body.trim() === '' && typeof media === 'number' && media > 0;
}

/**
 * Answers a media-only message, in the debtor's language (the flow's `media_not_read`, or the bilingual default),
 * that only text is read, and audits PIPELINE.MEDIA_ONLY; the flow does not step on it. Pure apart from `newId`.
 */
export function planMediaOnly(
  writes: BatchWrites,
  current: { flow: CompiledFlow | undefined; session: Session | undefined },
  ctx: { row: InboxRow; channel: string; facts: Facts | undefined; newId: () => string },
): void {
  const locale = current.session?.locale ?? ctx.facts?.debtor.locale ?? 'es';
  const text = (current.flow && ctx.facts ? renderFlowTemplate(current.flow, 'media_not_read', locale, ctx.facts) : undefined) ?? DEFAULT_MEDIA_ONLY_REPLY;
  writes.audits.push({ actor: 'pipeline', code: 'PIPELINE.MEDIA_ONLY', data: { inboxId: ctx.row.id } });
  collectEffects(writes, [{ type: 'say', template: 'media_not_read', text }], { inboxId: ctx.row.id, channel: ctx.channel, firstSeq: 0, newId: ctx.newId });
}
