import type { InboxRow } from '../../adapters/db/schema';
import type { EndedConversation, OpenConversation } from '../../adapters/db/repositories/loadConversationSnapshots';
import type { CompiledFlow } from '../../core/engine/compiledFlow';
import { createSession } from '../../core/engine/createSession';
import { previousConversation } from '../../core/engine/previousConversation';
import { step } from '../../core/engine/step';
import { switchConversationLanguage } from '../../core/engine/switchConversationLanguage';
import type { Facts, PreviousConversation, Session } from '../../core/engine/types';
import type { Interpretation, NluContext } from '../../core/nlu/types';
import type { InterpretOptions } from '../../ports/interpreter';
import type { BatchWrites } from './batchWrites';
import { createBatchWrites } from './batchWrites';
import { buildNluContext } from './buildNluContext';
import { chooseFlow } from './chooseFlow';
import { collectEffects } from './collectEffects';
import { interpreterOptions } from './interpreterOptions';
import type { PipelineDeps } from '../pipelineDeps';
import { DEFAULT_UNKNOWN_CONTACT_REPLY } from '../pipelineDeps';
import { planConsentCommand } from './planConsentCommand';
import { isMediaOnly, planMediaOnly } from './planMediaOnly';
import { maskVerificationAnswer } from '../../core/guardrails/maskVerificationAnswer';
import { readStoredSession } from './readStoredSession';
import type { AuditTrace } from './readInterpretTrace';

/** An interpretation with its audit trace, as resolved for one inbox row. */
export interface ResolvedInterpretation {
  interpretation: Interpretation;
  trace: AuditTrace | undefined;
  reinterpreted: boolean;
}

/** Gives the interpretation of a row in a context, or undefined when none valid is at hand (the plan is then stale). */
export type ResolveInterpretation = (row: InboxRow, ctx: NluContext, opts: InterpretOptions) => Promise<ResolvedInterpretation | undefined>;

export interface PlanInput {
  deps: Pick<PipelineDeps, 'flows' | 'flowIdForLocale' | 'unknownContactReply'>;
  channel: InboxRow['channel'];
  address: string;
  conversation: OpenConversation | undefined;
  /** The last ended conversation of the address (read when none is open): a new one starts from how it ended. */
  previous: EndedConversation | null;
  contactDebtorId: string | null;
  /** The address is opted out (address_opt_outs) before these rows. */
  optedOut: boolean;
  /** Facts of the debtor the conversation belongs to (or will). */
  facts: Facts | undefined;
  /** Message rows of this address, in order; a timeout row ends the batch before it. */
  rows: readonly InboxRow[];
  now: Date;
  /** LLM calls made while processing this batch (also the discarded ones), added to the stored count. */
  llmCallsMade: number;
  resolve: ResolveInterpretation;
  newId: () => string;
}

/** The new state of the batch's conversation and everything to write, for the first `consumed` rows. */
export interface ConversationPlan {
  conversationId: string;
  isNew: boolean;
  /** An anonymous conversation to close because the address became a debtor's since. */
  closeConversationId: string | null;
  debtorId: string | null;
  session: Record<string, unknown> | null;
  /** What `session` reads as (readStoredSession), when there is one. */
  stored: { session: Session; llmCalls: number } | null;
  status: 'active' | 'ended' | 'unknown_contact';
  writes: BatchWrites;
  consumed: readonly InboxRow[];
  /** Whether the address is opted out after these rows. */
  optedOut: boolean;
}

interface Current {
  id: string;
  isNew: boolean;
  debtorId: string | null;
  flow: CompiledFlow | undefined;
  session: Session | undefined;
  llmCalls: number;
  /** For a new conversation: how the last one of its address (same debtor) ended, given to its start. */
  previous?: PreviousConversation;
}

/**
 * Plans how a conversation's claimed message rows change it, in order, exactly as processing them one by one
 * would: an opt-out or re-subscribe before anything else (planConsentCommand), opening or starting the
 * conversation (a new one that only opt-out handling read is stored ended), silence under handoff, a notice that only text is read for a media-only message, one neutral reply to an unknown address,
 * interpretation (through `resolve`) and engine steps. Stops after a row that ends the conversation (the next row
 * opens a new one in the next batch) or before a timeout row. Returns 'stale' when `resolve` has no valid
 * interpretation. No I/O of its own (`resolve` may do some). Throws on bugs (missing flow, facts or session).
 */
export async function planConversationBatch(input: PlanInput): Promise<ConversationPlan | 'stale'> {
  const opened = openCurrent(input);
  const writes = createBatchWrites(!opened.closeId && input.conversation?.handoff === true);
  const consumed: InboxRow[] = [];
  const current = opened.current;
  const consent = { optedOut: input.optedOut };
  // A new conversation starts (greeting) with the first row the flow reads, not with one opt-out handling took.
  let started = !current.isNew;
  for (const row of input.rows) {
    if (row.kind !== 'message') break;
    const messageId = input.newId();
    writes.messages.push({ id: messageId, direction: 'in', body: row.body, template: null, inboxId: row.id, outboxId: null, providerMessageId: row.providerMessageId, status: 'received' });
    const first = consumed.length === 0;
    consumed.push(row);
    const consentInput = { row, channel: input.channel, facts: input.facts, now: input.now, newId: input.newId, messageId, consent };
    if (planConsentCommand(consentInput, current, writes) === 'handled') {
      if (current.session?.status === 'ended' && !writes.handoff) break;
      continue;
    }
    if (!current.flow || !current.session) {
      const replied = current.isNew && first;
      if (replied) collectEffects(writes, [{ type: 'say', template: 'unknown_contact', text: input.deps.unknownContactReply ?? DEFAULT_UNKNOWN_CONTACT_REPLY }], ctxFor(input, row));
      writes.audits.push({ actor: 'pipeline', code: 'PIPELINE.UNKNOWN_CONTACT', data: { inboxId: row.id, replied } });
      continue;
    }
    if (writes.handoff) {
      writes.audits.push({ actor: 'pipeline', code: 'PIPELINE.HANDOFF_SILENT', data: { inboxId: row.id } });
      continue;
    }
    if (isMediaOnly(row)) {
      planMediaOnly(writes, current, { row, channel: input.channel, facts: input.facts, newId: input.newId });
      continue;
    }
    const stepped = await stepMessage(input, current, writes, { row, messageId }, !started);
    if (!stepped) return 'stale';
    started = true;
    if (current.session.status === 'ended' && !writes.handoff) break;
  }
  return {
    conversationId: current.id,
    isNew: current.isNew,
    closeConversationId: opened.closeId,
    debtorId: current.debtorId,
    session: current.session ? { ...current.session, llmCalls: current.llmCalls + input.llmCallsMade } : null,
    stored: current.session ? { session: current.session, llmCalls: current.llmCalls + input.llmCallsMade } : null,
    status: !current.session ? 'unknown_contact' : (current.session.status === 'ended' || !started) && !writes.handoff ? 'ended' : 'active',
    writes,
    consumed,
    optedOut: consent.optedOut,
  };
}

/** Finds the open conversation, or starts one (the same rules as before batching). */
function openCurrent(input: PlanInput): { current: Current; closeId: string | null } {
  const open = input.conversation;
  if (open && (open.status !== 'unknown_contact' || !input.contactDebtorId)) {
    if (open.status === 'unknown_contact') return { current: { id: open.id, isNew: false, debtorId: null, flow: undefined, session: undefined, llmCalls: 0 }, closeId: null };
    const stored = readStoredSession(open.session);
    if (!stored) throw new Error(`conversation ${open.id} has no valid session`);
    const flow = input.deps.flows.get(stored.session.flowId, stored.session.flowVersion) ?? input.deps.flows.current(stored.session.flowId);
    if (!flow) throw new Error(`flow ${stored.session.flowId} is not loaded`);
    return { current: { id: open.id, isNew: false, debtorId: open.debtorId, flow, session: stored.session, llmCalls: stored.llmCalls }, closeId: null };
  }
  const closeId = open ? open.id : null;
  if (!input.contactDebtorId) return { current: { id: input.newId(), isNew: true, debtorId: null, flow: undefined, session: undefined, llmCalls: 0 }, closeId };
  if (!input.facts) throw new Error(`contact point of missing debtor ${input.contactDebtorId}`);
  const flow = chooseFlow(input.deps.flows, input.facts.debtor.locale, input.deps.flowIdForLocale);
  if (!flow) throw new Error(`no flow loaded for locale ${input.facts.debtor.locale}`);
  const session = createSession(flow, input.facts.debtor.locale);
  const previous = previousOf(input, flow);
  return { current: { id: input.newId(), isNew: true, debtorId: input.contactDebtorId, flow, session, llmCalls: 0, ...(previous ? { previous } : {}) }, closeId };
}

/** How the address's last conversation ended, when it was this same debtor's (a number that changed hands starts afresh). */
function previousOf(input: PlanInput, flow: CompiledFlow): PreviousConversation | undefined {
  const ended = input.previous;
  if (!ended || ended.debtorId === null || ended.debtorId !== input.contactDebtorId) return undefined;
  const stored = readStoredSession(ended.session);
  return stored ? previousConversation(flow, stored.session) : undefined;
}

/** Starts the conversation when this row opened it, interprets, steps; false when the interpretation is stale. */
async function stepMessage(input: PlanInput, current: Current, writes: BatchWrites, inbound: { row: InboxRow; messageId: string }, opening: boolean): Promise<boolean> {
  const { row, messageId } = inbound;
  if (!current.flow || !current.session || !input.facts) throw new Error(`conversation ${current.id} cannot be stepped`);
  const facts = input.facts;
  const { flow, session: before } = followLanguage(input, current, row, writes);
  let session = before;
  let seq = 0;
  if (opening) {
    const started = step(flow, session, { kind: 'start', ...(current.previous ? { previous: current.previous } : {}) }, facts, input.now);
    session = started.session;
    seq += collectEffects(writes, started.effects, { ...ctxFor(input, row), messageId });
  }
  const ctx = buildNluContext(flow, session, facts, input.now);
  const resolved = await input.resolve(row, ctx, interpreterOptions(facts, current.llmCalls + input.llmCallsMade));
  if (!resolved) return false;
  const { interpretation: i, trace, reinterpreted } = resolved;
  if (ctx.expected?.entity === 'identifier' || i.entities.identifier !== undefined) maskStoredAnswer(writes, messageId);
  writes.audits.push({ actor: 'pipeline', code: 'NLU.INTERPRETED', data: { inboxId: row.id, intent: i.intent, confidence: i.confidence, source: i.source, ...auditEntities(i.entities), ...(trace ? { trace } : {}), ...(reinterpreted ? { reinterpreted } : {}) } });
  if (!opening || opensWithHandledIntent(flow, session, i)) {
    const event = {
      kind: 'message' as const, text: row.body, intent: i.intent, entities: i.entities, confidence: i.confidence, messageId: row.id,
      ...(i.needsConfirmation ? { needsConfirmation: true } : {}),
    };
    const stepped = step(flow, session, event, facts, input.now);
    session = stepped.session;
    collectEffects(writes, stepped.effects, { ...ctxFor(input, row), firstSeq: seq, messageId });
  }
  current.session = session;
  return true;
}

/**
 * What the debtor typed to verify (read where the flow asks for an identifier, or where one was read) is stored and
 * shown masked (maskVerificationAnswer): in messages, and in the inbox row once it is done.
 */
function maskStoredAnswer(writes: BatchWrites, messageId: string): void {
  const message = writes.messages.find((m) => m.id === messageId);
  if (!message) return;
  const masked = maskVerificationAnswer(message.body);
  if (masked !== message.body) Object.assign(message, { body: masked, masked: true });
}

/**
 * Moves the conversation to the flow of the language the debtor writes in (switchConversationLanguage), keeping
 * its state and verification, and audits the switch; otherwise leaves it where it is.
 */
function followLanguage(input: PlanInput, current: Current, row: InboxRow, writes: BatchWrites): { flow: CompiledFlow; session: Session } {
  const { flow, session } = current;
  if (!flow || !session) throw new Error(`conversation ${current.id} cannot be stepped`);
  const flowFor = (locale: string) => chooseFlow(input.deps.flows, locale, input.deps.flowIdForLocale);
  const switched = switchConversationLanguage(flow, session, row.body, flowFor);
  if (!switched) return { flow, session };
  writes.audits.push({ actor: 'pipeline', code: 'PIPELINE.LANGUAGE_SWITCHED', data: { inboxId: row.id, from: switched.from, to: switched.to, flowId: switched.flow.id } });
  current.flow = switched.flow;
  current.session = switched.session;
  return { flow: switched.flow, session: switched.session };
}

function ctxFor(input: PlanInput, row: InboxRow) {
  return { inboxId: row.id, channel: input.channel, firstSeq: 0, newId: input.newId };
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

/**
 * The entities for the audit trail (the console shows them as the why of a turn): amounts, dates, counts and
 * frequencies as recognised; a verification identifier only as the fact that one was given, never its value.
 */
function auditEntities(entities: Interpretation['entities']): { entities?: Record<string, unknown> } {
  const { identifier, ...rest } = entities;
  const kept: Record<string, unknown> = { ...rest, ...(identifier !== undefined ? { identifier: 'given' } : {}) };
  return Object.keys(kept).length > 0 ? { entities: kept } : {};
}
