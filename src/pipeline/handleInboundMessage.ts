import type { Kysely } from 'kysely';
import type { ConversationRow, DB, InboxRow } from '../adapters/db/schema';
import type { CompiledFlow } from '../core/engine/compiledFlow';
import { step } from '../core/engine/step';
import type { Effect, Facts, Session } from '../core/engine/types';
import type { Interpretation } from '../core/nlu/types';
import { applyEffects } from './applyEffects';
import { buildNluContext } from './buildNluContext';
import { insertReply } from './insertReply';
import { openConversation } from './openConversation';
import { parseStoredSession } from './parseStoredSession';
import type { PipelineDeps } from './pipelineDeps';
import { DEFAULT_UNKNOWN_CONTACT_REPLY } from './pipelineDeps';
import { recordAudit } from './recordAudit';

export interface HandledMessage {
  conversationId: string;
  replies: number;
  outcome: 'replied' | 'silent_handoff' | 'unknown_contact' | 'ended';
}

/**
 * Processes one inbound message inside the caller's transaction (already holding the conversation lock):
 * stores it, and unless the conversation is handed off, interprets it and steps the engine, writing the
 * session, replies, timers and audit events. Does I/O (DB, and the interpreter, which may call an LLM).
 */
export async function handleInboundMessage(trx: Kysely<DB>, deps: PipelineDeps, row: InboxRow, now: Date): Promise<HandledMessage> {
  const opened = await openConversation(trx, deps, row.channel, row.fromAddress, now);
  const conversation = opened.conversation;
  await trx
    .insertInto('messages')
    .values({ conversationId: conversation.id, direction: 'in', body: row.body, inboxId: row.id, providerMessageId: row.providerMessageId, status: 'received', createdAt: now })
    .execute();
  await trx.updateTable('conversations').set({ lastInboundAt: now, updatedAt: now }).where('id', '=', conversation.id).execute();

  if (opened.kind === 'unknown_contact') {
    if (opened.isNew) {
      const body = deps.unknownContactReply ?? DEFAULT_UNKNOWN_CONTACT_REPLY;
      await insertReply(trx, { conversation, inboxId: row.id, seq: 0, body, template: 'unknown_contact', allowAfterOptOut: false, now });
    }
    await recordAudit(trx, conversation, now, 'PIPELINE.UNKNOWN_CONTACT', { inboxId: row.id, replied: opened.isNew });
    return { conversationId: conversation.id, replies: opened.isNew ? 1 : 0, outcome: 'unknown_contact' };
  }
  if (conversation.handoff) {
    await recordAudit(trx, conversation, now, 'PIPELINE.HANDOFF_SILENT', { inboxId: row.id });
    return { conversationId: conversation.id, replies: 0, outcome: 'silent_handoff' };
  }
  const facts = opened.kind === 'new' ? opened.facts : await loadFactsOrThrow(trx, deps, conversation);
  const { flow, session } = resolveFlow(deps, conversation, facts);
  const effects: Effect[] = [];
  let current: Session = session;
  if (opened.kind === 'new') {
    const started = step(flow, current, { kind: 'start' }, facts, now);
    current = started.session;
    effects.push(...started.effects);
  }
  const interpretation = await deps.interpret(row.body, buildNluContext(flow, current, facts, now));
  await recordAudit(trx, conversation, now, 'NLU.INTERPRETED', {
    inboxId: row.id,
    intent: interpretation.intent,
    confidence: interpretation.confidence,
    source: interpretation.source,
  });
  if (opened.kind !== 'new' || opensWithHandledIntent(flow, current, interpretation)) {
    const stepped = step(flow, current, messageEvent(row, interpretation), facts, now);
    current = stepped.session;
    effects.push(...stepped.effects);
  }
  const applied = await applyEffects(trx, { conversation, session: current, effects, inboxId: row.id, now });
  return { conversationId: conversation.id, replies: applied.replies, outcome: current.status === 'ended' ? 'ended' : 'replied' };
}

/**
 * The first message of a conversation starts it (greeting, then the first question). It is also stepped when the
 * state reached handles its intent (an answer, or a global such as opt_out), so "STOP" as a first message works;
 * a greeting or an unrecognised opener only starts it, so it does not count as a failed answer.
 */
function opensWithHandledIntent(flow: CompiledFlow, session: Session, interpretation: Interpretation): boolean {
  if (interpretation.intent === 'greet' || interpretation.intent === 'unknown' || session.status === 'ended') return false;
  return flow.states.get(session.state)?.handlers.has(`intent:${interpretation.intent}`) ?? false;
}

function messageEvent(row: InboxRow, i: Interpretation) {
  return { kind: 'message' as const, text: row.body, intent: i.intent, entities: i.entities, confidence: i.confidence, messageId: row.id };
}

async function loadFactsOrThrow(trx: Kysely<DB>, deps: PipelineDeps, conversation: ConversationRow): Promise<Facts> {
  const facts = conversation.debtorId ? await deps.facts.loadFacts(trx, conversation.debtorId) : undefined;
  if (!facts) throw new Error(`conversation ${conversation.id} has no debtor facts`);
  return facts;
}

/** The conversation stays on the flow version it started on while that version is loaded. */
export function resolveFlow(deps: PipelineDeps, conversation: ConversationRow, facts: Facts): { flow: CompiledFlow; session: Session } {
  const stored = parseStoredSession(conversation.session);
  if (!stored) throw new Error(`conversation ${conversation.id} has no valid session`);
  const flow = deps.flows.get(stored.flowId, stored.flowVersion) ?? deps.flows.current(stored.flowId);
  if (!flow) throw new Error(`flow ${stored.flowId} is not loaded (locale ${facts.debtor.locale})`);
  return { flow, session: stored };
}
