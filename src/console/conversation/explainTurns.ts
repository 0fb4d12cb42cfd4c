import type { CompiledFlow } from '../../core/engine/compiledFlow';
import type { AuditEntry, TranscriptMessage } from './loadConversationView';

/** A transition the bot took, with the guards that decided it (read from the flow version the conversation is on). */
export interface ExplainedTransition {
  from: string | null;
  to: string;
  trigger: string;
  via: string;
  /** Guards of the handler taken (passed), and of handlers tried before it for the same trigger (failed). */
  guards: Array<{ name: string; passed: boolean }>;
}

/** Why the bot did what it did for one inbound message: the audit trail grouped by turn. */
export interface TurnWhy {
  intent?: string;
  confidence?: number;
  source?: string;
  entities?: Record<string, unknown>;
  llm?: Record<string, unknown>;
  transitions: ExplainedTransition[];
  /** Other events of the turn (handoff, verification, offers and their policy terms, approvals …): code and data. */
  events: Array<{ code: string; data: Record<string, unknown> }>;
  /** Templates the bot said in this turn. */
  templates: string[];
  /** The person had the conversation: the bot stayed silent. */
  silent: boolean;
}

function emptyWhy(): TurnWhy {
  return { transitions: [], events: [], templates: [], silent: false };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function guardsOf(flow: CompiledFlow | undefined, from: string | null, to: string, trigger: string): ExplainedTransition['guards'] {
  if (!flow || from === null) return [];
  const state = flow.states.get(from);
  if (!state) return [];
  const candidates = trigger === 'always' ? state.always : trigger === 'otherwise' ? (state.otherwise ? [state.otherwise] : []) : (state.handlers.get(trigger) ?? []);
  const takenAt = candidates.findIndex((h) => (h.target ?? from) === to);
  if (takenAt < 0) return [];
  const guards: ExplainedTransition['guards'] = [];
  candidates.slice(0, takenAt + 1).forEach((handler, index) => {
    for (const g of handler.guards) guards.push({ name: `${g.negate ? 'unless ' : ''}${g.name}`, passed: index === takenAt });
  });
  return guards;
}

/**
 * Groups the audit trail into the why of each inbound message (keyed by inbox id): the interpretation (intent,
 * confidence, source, entities, model trace), the transitions with their guards, the other events with their data
 * (policy terms of offers, approvals, handoff reasons), and the templates said. Events of the conversation's
 * start attach to its first message. Pure.
 */
export function explainTurns(messages: readonly TranscriptMessage[], audits: readonly AuditEntry[], flow: CompiledFlow | undefined): Map<string, TurnWhy> {
  const whys = new Map<string, TurnWhy>();
  const inboxOfMessage = new Map(messages.filter((m) => m.direction === 'in' && m.inboxId).map((m) => [m.id, m.inboxId ?? '']));
  const firstInbox = messages.find((m) => m.direction === 'in' && m.inboxId)?.inboxId ?? undefined;
  const start = emptyWhy();
  let current: TurnWhy | undefined;
  const whyFor = (inboxId: string): TurnWhy => {
    const found = whys.get(inboxId) ?? emptyWhy();
    whys.set(inboxId, found);
    return found;
  };
  for (const audit of audits) {
    const data = audit.data;
    const inboxId = text(data.inboxId);
    if (audit.code === 'NLU.INTERPRETED' && inboxId) {
      current = whyFor(inboxId);
      current.intent = text(data.intent);
      current.confidence = typeof data.confidence === 'number' ? data.confidence : undefined;
      current.source = text(data.source);
      if (typeof data.entities === 'object' && data.entities !== null) current.entities = { ...data.entities };
      if (typeof data.trace === 'object' && data.trace !== null) current.llm = { ...data.trace };
      continue;
    }
    if (audit.code === 'PIPELINE.HANDOFF_SILENT' && inboxId) {
      whyFor(inboxId).silent = true;
      current = undefined;
      continue;
    }
    const byMessage = audit.actor.startsWith('message:') ? inboxOfMessage.get(audit.actor.slice('message:'.length)) : undefined;
    const target = byMessage ? whyFor(byMessage) : audit.actor === 'bot' ? (current ?? start) : undefined;
    if (!target) continue;
    if (audit.code === 'FLOW.TRANSITION') {
      const from = text(data.from) ?? null;
      const to = text(data.to) ?? '';
      const trigger = text(data.trigger) ?? '';
      target.transitions.push({ from, to, trigger, via: text(data.via) ?? '', guards: guardsOf(flow, from, to, trigger) });
    } else target.events.push({ code: audit.code, data });
  }
  for (const m of messages) if (m.direction === 'out' && m.inboxId && m.template) whyFor(m.inboxId).templates.push(m.template);
  if (firstInbox && (start.transitions.length > 0 || start.events.length > 0)) {
    const first = whyFor(firstInbox);
    first.transitions.unshift(...start.transitions);
    first.events.unshift(...start.events);
  }
  return whys;
}
