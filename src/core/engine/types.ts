import type { Entities } from '../nlu/types';

/**
 * The engine's public data types. The engine is pure: step() takes these values and returns new ones.
 * Other parts of the system (pipeline, collections domain, scheduler) only exchange these shapes with it.
 */

/** Domain data the engine may read but never changes: who the debtor is, what is owed, the policy. */
export interface Facts {
  debtor: {
    firstName: string;
    locale: string;
    timeZone: string;
    [key: string]: unknown;
  };
  [section: string]: unknown;
}

/** The state of one conversation between messages; persisted by the pipeline as JSON. */
export interface Session {
  flowId: string;
  /** Content hash of the flow this conversation started on; it stays on that version. */
  flowVersion: string;
  state: string;
  /** Values collected so far (slots), plus what actions store; JSON-serialisable. */
  slots: Record<string, unknown>;
  /** Attempts per state, for retry limits; reset when the state is left. */
  attempts: Record<string, number>;
  locale: string;
  status: 'active' | 'ended';
  /**
   * Stamped by the engine on the step that ends the conversation: when, and the state it was in when that step
   * began (a conversation ended by "write me later" from an offer was at the offer). A new conversation at the same
   * address starts from it (previousConversation).
   */
  ended?: { at: string; from: string };
}

/** How the last conversation at the same address ended, handed to the start of the next one (previousConversation). */
export interface PreviousConversation {
  /** The state it was in when the step that ended it began. */
  state: string;
  /** That state is declared `offer: true`: an offer was waiting for the debtor's answer. */
  offer: boolean;
  /** When it ended (ISO instant). */
  endedAt: string;
  /** Its slots as they were at the end. */
  slots: Record<string, unknown>;
}

/** What happened to the conversation. */
export type EngineEvent =
  /** A new conversation; `previous` is how the last one at the same address ended, when there is one. */
  | { kind: 'start'; previous?: PreviousConversation }
  | {
      kind: 'message';
      text: string;
      intent: string;
      entities: Entities;
      confidence: number;
      messageId?: string;
      /**
       * An amount or date in `entities` came only from the LLM. In a flow with `confirmation: true` the engine
       * asks the debtor to confirm the values (template `confirm_values`) before acting on the message.
       */
      needsConfirmation?: boolean;
    }
  | { kind: 'timeout'; timer: string }
  | { kind: 'system'; name: string; data?: Record<string, unknown> };

/**
 * Tagged data describing what must happen because of a step. Adapters execute them; tests assert on them.
 * Domain-specific effects (promises, plans) carry plain JSON payloads produced by registry actions.
 */
export type Effect =
  | { type: 'say'; template: string; text: string }
  | { type: 'record_promise'; amount: { minor: number; currency: string }; date: string }
  | { type: 'propose_plan'; plan: Record<string, unknown> }
  | { type: 'accept_plan'; plan: Record<string, unknown> }
  | { type: 'request_approval'; request: Record<string, unknown> }
  | { type: 'handoff'; reason: string }
  | { type: 'opt_out' }
  | { type: 'mark_wrong_party' }
  | { type: 'record_dispute'; reason?: string }
  /** A third party said the debtor died: collection stops (debtors.deceased_at) and a person follows up. */
  | { type: 'record_deceased' }
  /** When the debtor asked to be written to (debtors.preferred_contact, migration 0650 shape). */
  | { type: 'record_contact_preference'; preference: { window?: { from: string; to: string }; notBefore?: string; recordedAt: string } }
  /** The debtor confirmed cancelling the account's active arrangement (plan, settlement or promise). */
  | { type: 'cancel_arrangement'; accountId: string; reason: string }
  | { type: 'schedule'; timer: string; at: string }
  | { type: 'cancel_schedule'; timer: string }
  | { type: 'end' }
  | { type: 'audit'; code: string; data?: Record<string, unknown> };

export interface StepResult {
  session: Session;
  effects: Effect[];
}

/** What guards and actions see. Read-only: they return changes, they never mutate. */
export interface StepContext {
  session: Readonly<Session>;
  event: EngineEvent;
  facts: Facts;
  now: Date;
  /** IANA time zone of the debtor (facts.debtor.timeZone), for date arithmetic. */
  timeZone: string;
}

/** A named condition a flow transition may require. Pure and synchronous. */
export type Guard = (ctx: StepContext) => boolean;

/** What a named action returns: slot changes to merge and effects to emit, in order. */
export interface ActionResult {
  slots?: Record<string, unknown>;
  effects?: Effect[];
}

/** A named action a flow transition may run. Pure and synchronous. */
export type Action = (ctx: StepContext) => ActionResult;

/**
 * What a refiner makes of a debtor message the NLU read: a more precise intent (canonical or one the flow declares
 * under `intents:`), why (a short code for the audit trail), and entities to use instead of the NLU's when the
 * refiner read them better (e.g. the amount after "solo" in "1800 no tengo, solo 400").
 */
export interface Refinement {
  intent: string;
  reason: string;
  entities?: Entities;
}

/** What the flow declares about the state a message arrives in, for refiners. */
export interface RefinerState {
  /** The state is declared `offer: true`: an offer waits for the debtor's answer. */
  offer: boolean;
}

/** A named reading of a message in its context (state, offer on the table, facts). Pure and synchronous. */
export type Refiner = (ctx: StepContext, state: RefinerState) => Refinement | undefined;

/** A registered action with what the loader needs to know about it. */
export interface ActionDef {
  run: Action;
  /** Slots this action may set, so the loader can tell when a template or guard reads a slot nothing fills. */
  writes?: readonly string[];
}

/**
 * The typed registry that YAML flows refer to by name. Loading a flow fails on a name missing here.
 * Domains contribute their own entries and the composition root merges them.
 */
export interface Registry {
  guards: Readonly<Record<string, Guard>>;
  actions: Readonly<Record<string, ActionDef>>;
  /** Slots each guard reads (by guard name), so the loader can tell when a guard reads a slot nothing fills. */
  guardReads?: Readonly<Record<string, readonly string[]>>;
  /** Refiners a flow may name under `refine:`; each message goes through them in order before matching. */
  refiners?: Readonly<Record<string, Refiner>>;
}
