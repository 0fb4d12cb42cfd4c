import type { InboxRow } from '../../adapters/db/schema';
import type { CompiledFlow } from '../../core/engine/compiledFlow';
import { renderFlowTemplate } from '../../core/engine/renderFlowTemplate';
import { step } from '../../core/engine/step';
import type { Effect, Facts, Session } from '../../core/engine/types';
import { recognizeConsentCommand } from '../../core/nlu/recognizeConsentCommand';
import type { BatchWrites } from './batchWrites';
import { collectEffects } from './collectEffects';

/** Confirmation of an opt-out where no flow speaks for the address (an unknown number). */
export const DEFAULT_OPTED_OUT_REPLY =
  'Listo, no te enviaremos más mensajes por este medio. Para volver a recibirlos, escribe ALTA. / Done, we will not message you here again. To receive messages again, reply START.';
/** Acknowledgement of a re-subscribe where the flow has no `resubscribed` template. */
export const DEFAULT_RESUBSCRIBED_REPLY =
  'Listo, volverás a recibir nuestros mensajes por este medio. / Done, you will receive our messages here again.';

/** The conversation as the batch planner holds it while it walks the rows. */
export interface ConsentConversation {
  flow: CompiledFlow | undefined;
  session: Session | undefined;
}

export interface ConsentInput {
  row: InboxRow;
  channel: InboxRow['channel'];
  facts: Facts | undefined;
  now: Date;
  newId: () => string;
  /** The stored inbound message of `row` (what domain effects of the step point to). */
  messageId: string;
  /** Whether the address is opted out before this row; updated by this call. */
  consent: { optedOut: boolean };
}

/**
 * Opt-out wins before anything else runs, in every state: reads the row for an opt-out or an explicit re-subscribe
 * (rules only) and plans it. An opted-out address's messages are stored and audited and answered by nothing but the
 * acknowledgement of a re-subscribe (which removes the opt-out, audited). An opt-out is recorded once and confirmed
 * once: through the flow's own `opt_out` handling where a flow is running (no greeting first), otherwise (handed to
 * a person, a finished flow, an unknown number) by the pipeline with the flow's `opted_out` wording or the default.
 * Returns 'none' when the row is neither (the caller processes it as usual). Pure apart from `newId`.
 */
export function planConsentCommand(input: ConsentInput, current: ConsentConversation, writes: BatchWrites): 'none' | 'handled' {
  const { row, facts } = input;
  const locale = current.session?.locale ?? facts?.debtor.locale ?? 'es';
  const command = recognizeConsentCommand(row.body, { locale, timeZone: facts?.debtor.timeZone ?? 'UTC', now: input.now });
  const ctx = { inboxId: row.id, channel: input.channel, firstSeq: 0, newId: input.newId };
  const audit = (code: string, data: Record<string, unknown>) => writes.audits.push({ actor: 'pipeline', code, data: { inboxId: row.id, ...data } });
  if (input.consent.optedOut) {
    if (command !== 'resubscribe') {
      audit('CONSENT.OPTED_OUT_INBOUND', { command });
      return 'handled';
    }
    input.consent.optedOut = false;
    writes.resubscribe = true;
    writes.optOut = false;
    audit('CONSENT.RESUBSCRIBED', { channel: input.channel });
    const text = notice(current, 'resubscribed', locale, facts) ?? DEFAULT_RESUBSCRIBED_REPLY;
    collectEffects(writes, [{ type: 'say', template: 'resubscribed', text }], ctx);
    return 'handled';
  }
  if (command !== 'opt_out') return 'none';
  input.consent.optedOut = true;
  const { flow, session } = current;
  if (flow && session && facts && session.status !== 'ended' && !writes.handoff) {
    const event = { kind: 'message' as const, text: row.body, intent: 'opt_out', entities: {}, confidence: 1, messageId: row.id };
    const stepped = step(flow, session, event, facts, input.now);
    if (stepped.effects.some((e) => e.type === 'opt_out')) {
      audit('CONSENT.COMMAND', { command, by: 'flow', state: session.state });
      current.session = stepped.session;
      collectEffects(writes, stepped.effects, { ...ctx, messageId: input.messageId });
      return 'handled';
    }
  }
  const where = writes.handoff ? 'handoff' : !flow ? 'unknown_contact' : session?.status === 'ended' ? 'flow_ended' : 'flow_without_opt_out';
  audit('CONSENT.COMMAND', { command, by: 'pipeline', state: where });
  const effects: Effect[] = [{ type: 'opt_out' }, { type: 'say', template: 'opted_out', text: notice(current, 'opted_out', locale, facts) ?? DEFAULT_OPTED_OUT_REPLY }];
  collectEffects(writes, effects, ctx);
  return 'handled';
}

function notice(current: ConsentConversation, key: string, locale: string, facts: Facts | undefined): string | undefined {
  return current.flow && facts ? renderFlowTemplate(current.flow, key, locale, facts) : undefined;
}
