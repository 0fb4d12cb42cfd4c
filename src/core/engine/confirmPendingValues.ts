import { z } from 'zod';
import { FREQUENCIES } from '../nlu/intents';
import { resolveLocaleTemplates } from './resolveLocaleTemplates';
import { sayAll, setSlots } from './takeHandler';
import type { CompiledState } from './compiledFlow';
import type { StepRun } from './takeHandler';
import type { EngineEvent } from './types';

type MessageEvent = Extract<EngineEvent, { kind: 'message' }>;

/** Template keys and slots of the confirmation mechanism (flows/README.md, "Confirming what only the AI understood"). */
export const CONFIRMATION_TEMPLATES = {
  ask: 'confirm_values',
  rejected: 'confirm_rejected',
  /** Optional: used instead of confirm_values when only an amount is pending. */
  amountOnly: 'confirm_amount',
  /** Optional: used instead of confirm_values when only a date is pending. */
  dateOnly: 'confirm_date',
} as const;
export const PENDING_SLOT = '_pending';
export const PENDING_AMOUNT_SLOT = '_pending_amount';
export const PENDING_DATE_SLOT = '_pending_date';

const pendingSchema = z.object({
  state: z.string(),
  text: z.string(),
  intent: z.string(),
  confidence: z.number(),
  messageId: z.string().optional(),
  entities: z.object({
    amount: z.object({ minor: z.number().int(), currency: z.string().optional() }).optional(),
    date: z.string().optional(),
    count: z.number().optional(),
    frequency: z.enum(FREQUENCIES).optional(),
    identifier: z.string().optional(),
  }),
});

/** Intents that answer the confirmation question without asking for anything else. */
const ANSWERS = new Set(['affirm', 'deny', 'unknown']);

/**
 * Routes a debtor message through the confirmation mechanism, then to `handle` (the normal matching) when it
 * should act. With a pending event in the session: affirm in the same state replays it as confirmed; anything
 * else says `confirm_rejected` and discards it (a new request such as opt_out or ask_balance is then handled
 * as usual). A message flagged `needsConfirmation` in a flow with `confirmation: true` is stored as pending and
 * `confirm_values` is said instead of acting on it. Pure apart from writing to `run`.
 */
export function confirmPendingValues(run: StepRun, state: CompiledState, event: MessageEvent, handle: (event: MessageEvent) => void): void {
  const pending = readPending(run.session.slots[PENDING_SLOT]);
  if (run.session.slots[PENDING_SLOT] !== undefined) clearPending(run);
  if (pending !== undefined) {
    if (event.intent === 'affirm' && pending.state === state.id) {
      run.effects.push({ type: 'audit', code: 'FLOW.CONFIRMATION_ACCEPTED', data: { state: state.id, intent: pending.intent } });
      const replay: MessageEvent = {
        kind: 'message',
        text: pending.text,
        intent: pending.intent,
        entities: pending.entities,
        confidence: pending.confidence,
        needsConfirmation: false,
        ...(event.messageId ? { messageId: event.messageId } : {}),
      };
      run.ctx = { ...run.ctx, event: replay };
      handle(replay);
      return;
    }
    const reason = pending.state !== state.id ? 'stale' : event.intent;
    run.effects.push({ type: 'audit', code: 'FLOW.CONFIRMATION_REJECTED', data: { state: state.id, intent: pending.intent, reason } });
    sayAll(run, [CONFIRMATION_TEMPLATES.rejected]);
    if (ANSWERS.has(event.intent)) return;
  }
  if (event.needsConfirmation === true && confirmationEnabled(run)) {
    askForConfirmation(run, state, event);
    return;
  }
  if (event.needsConfirmation === true) {
    run.effects.push({ type: 'audit', code: 'FLOW.UNCONFIRMED_VALUES', data: { state: state.id, intent: event.intent } });
  }
  handle(event);
}

function askForConfirmation(run: StepRun, state: CompiledState, event: MessageEvent): void {
  const { amount, date } = event.entities;
  const stored = { state: state.id, text: event.text, intent: event.intent, confidence: event.confidence, entities: event.entities, ...(event.messageId ? { messageId: event.messageId } : {}) };
  setSlots(run, { [PENDING_SLOT]: stored, [PENDING_AMOUNT_SLOT]: amount, [PENDING_DATE_SLOT]: date });
  run.effects.push({
    type: 'audit',
    code: 'FLOW.CONFIRMATION_REQUESTED',
    data: { state: state.id, intent: event.intent, ...(amount ? { amount } : {}), ...(date ? { date } : {}) },
  });
  sayAll(run, [chooseQuestion(run, amount !== undefined, date !== undefined)]);
  if (state.inactivity !== undefined && run.session.state === state.id) {
    run.effects.push({ type: 'schedule', timer: state.inactivity.timer, at: new Date(run.now.getTime() + state.inactivity.afterMs).toISOString() });
  }
}

function chooseQuestion(run: StepRun, hasAmount: boolean, hasDate: boolean): string {
  const table = resolveLocaleTemplates(run.flow, run.session.locale);
  if (hasAmount && !hasDate && table.has(CONFIRMATION_TEMPLATES.amountOnly)) return CONFIRMATION_TEMPLATES.amountOnly;
  if (hasDate && !hasAmount && table.has(CONFIRMATION_TEMPLATES.dateOnly)) return CONFIRMATION_TEMPLATES.dateOnly;
  return CONFIRMATION_TEMPLATES.ask;
}

/** The flow opted in and has both templates for the session locale (the loader checks this for every locale). */
function confirmationEnabled(run: StepRun): boolean {
  if (run.flow.spec.confirmation !== true) return false;
  const table = resolveLocaleTemplates(run.flow, run.session.locale);
  return table.has(CONFIRMATION_TEMPLATES.ask) && table.has(CONFIRMATION_TEMPLATES.rejected);
}

function clearPending(run: StepRun): void {
  setSlots(run, { [PENDING_SLOT]: undefined, [PENDING_AMOUNT_SLOT]: undefined, [PENDING_DATE_SLOT]: undefined });
}

function readPending(value: unknown): z.infer<typeof pendingSchema> | undefined {
  const parsed = pendingSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
