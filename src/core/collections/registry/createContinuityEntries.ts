import { z } from 'zod';
import type { ActionDef, Guard, PreviousConversation, StepContext } from '../../engine/types';
import { listOfferViolations } from '../negotiation/listOfferViolations';
import { activeLock } from './createVerificationEntries';
import type { StepReader } from './readStep';

export interface ContinuitySettings {
  /**
   * Minutes during which a new conversation picks up from the last one at the same address: a verification passed
   * there less than this long ago is not asked again, and a conversation that ended less than this long ago is
   * continued (0: never; config REVERIFY_AFTER_MINUTES).
   */
  reverifyAfterMinutes: number;
}

/** Slots that belong to one conversation's identity check, never carried to the next one. */
const NOT_CARRIED = new Set(['identifier', 'verified', 'verifiedAt', 'verificationAttempts', 'verificationAttemptsLeft', 'verificationLockUntil']);
/** Slots the flows' templates and guards read that a resumed conversation may bring back (for the loader's checks). */
const CARRIED = ['offer', 'offerSummary', 'outcome', 'counterOffers', 'counterCode', 'offerIndex', 'pendingRequest', 'paymentClaimed', 'paidOn', 'acceptedOffer', 'arrangementCancelled', 'amount', 'count', 'frequency', 'date', 'downPayment'] as const;

const verifiedAtSchema = z.object({ verified: z.literal(true), verifiedAt: z.iso.datetime({ offset: true }) });

/** How the last conversation at this address ended, when this step is the start of a new one. */
function previousOf(ctx: StepContext): PreviousConversation | undefined {
  return ctx.event.kind === 'start' ? ctx.event.previous : undefined;
}

function withinWindow(ctx: StepContext, at: string, settings: ContinuitySettings): boolean {
  const age = ctx.now.getTime() - Date.parse(at);
  return settings.reverifyAfterMinutes > 0 && age >= 0 && age < settings.reverifyAfterMinutes * 60_000;
}

/** When identity was verified at this address, if recently enough to carry over (and no lock is in force). */
function recentVerification(ctx: StepContext, reader: StepReader, settings: ContinuitySettings): string | undefined {
  const parsed = verifiedAtSchema.safeParse(previousOf(ctx)?.slots);
  if (!parsed.success || !withinWindow(ctx, parsed.data.verifiedAt, settings)) return undefined;
  return activeLock(ctx, reader.facts) === null ? parsed.data.verifiedAt : undefined;
}

/** The previous conversation's slots worth bringing back: all but its identity check and engine-internal ones (`_…`). */
function carriedSlots(previous: PreviousConversation): Record<string, unknown> {
  return Object.fromEntries(Object.entries(previous.slots).filter(([key]) => !NOT_CARRIED.has(key) && !key.startsWith('_')));
}

/**
 * Continuity between conversations at the same address (same debtor, channel and phone: the pipeline only hands a
 * new conversation the last one of its address, see PreviousConversation). Guards: `recently_verified` (identity
 * was verified there within settings.reverifyAfterMinutes and no lock is in force), `resumed_offer` (the last
 * conversation ended while an offer — a state declared `offer: true` — waited for an answer, and the offer is still
 * inside policy today), `resumable_request` (it ended within the window with a request made before verification
 * still unserved). Actions: `resume_conversation` (verified again without asking, audit VERIFICATION.RESUMED,
 * and the slots it had: the offer, what was asked, a payment claim…), `resume_request` (only the unserved request).
 * Pure.
 */
export function createContinuityEntries(reader: StepReader, settings: ContinuitySettings): { guards: Record<string, Guard>; actions: Record<string, ActionDef> } {
  return {
    guards: {
      recently_verified: (ctx) => recentVerification(ctx, reader, settings) !== undefined,
      resumed_offer: (ctx) => {
        const offer = reader.offer(ctx);
        const facts = reader.facts(ctx);
        if (previousOf(ctx)?.offer !== true || offer === undefined || !facts.ok) return false;
        return listOfferViolations(offer, facts.facts.policy, facts.facts.account, reader.today(ctx)).length === 0;
      },
      resumable_request: (ctx) => {
        const previous = previousOf(ctx);
        return previous !== undefined && typeof previous.slots.pendingRequest === 'string' && withinWindow(ctx, previous.endedAt, settings);
      },
    },
    actions: {
      resume_conversation: {
        writes: ['verified', 'verifiedAt', 'verificationAttempts', 'verificationLockUntil', ...CARRIED],
        run: (ctx) => {
          const previous = previousOf(ctx);
          const verifiedAt = recentVerification(ctx, reader, settings);
          if (previous === undefined || verifiedAt === undefined) return { effects: [{ type: 'audit', code: 'VERIFICATION.NOT_PASSED' }] };
          return {
            slots: { ...carriedSlots(previous), verified: true, verifiedAt, verificationAttempts: 0, verificationLockUntil: null },
            effects: [{ type: 'audit', code: 'VERIFICATION.RESUMED', data: { verifiedAt, endedAt: previous.endedAt, from: previous.state } }],
          };
        },
      },
      resume_request: {
        writes: ['pendingRequest'],
        run: (ctx) => {
          const pending = previousOf(ctx)?.slots.pendingRequest;
          return typeof pending === 'string' ? { slots: { pendingRequest: pending }, effects: [{ type: 'audit', code: 'CONVERSATION.REQUEST_RESUMED', data: { request: pending } }] } : {};
        },
      },
    },
  };
}
