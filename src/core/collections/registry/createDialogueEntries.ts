import type { ActionDef, Guard, StepContext } from '../../engine/types';
import { readContactPreference } from '../dialogue/readContactPreference';
import { readReceiptNumber } from '../dialogue/readDialogueAct';
import { proposeSettlement } from '../negotiation/proposeSettlement';
import type { CollectionsFacts } from './collectionsFacts';
import { createDialogueRefiner } from './createDialogueRefiner';
import type { StepReader } from './readStep';
import { summarizeAccount } from './summarizeAccount';
import { summarizeOffer } from './summarizeOffer';

/** The request a debtor made before verifying, served right after (slot pendingRequest). */
const SERVED_LATER = ['ask_balance', 'ask_breakdown', 'ask_arrangement', 'pay_now', 'request_plan'] as const;

function isDisputed(account: CollectionsFacts['account'] | undefined, ctx: StepContext): boolean {
  return account?.status === 'disputed' || ctx.session.slots.disputed === true;
}

/** True when the account has an active arrangement: a plan or promise on file, or one accepted in this conversation. */
function hasArrangement(account: CollectionsFacts['account'] | undefined, ctx: StepContext): boolean {
  if (ctx.session.slots.arrangementCancelled === true) return false;
  if (ctx.session.slots.acceptedOffer) return true;
  if (!account) return false;
  const summary = summarizeAccount(account);
  return summary.nextInstallment !== undefined || summary.promise !== undefined;
}

function lang(ctx: StepContext): 'es' | 'en' {
  return ctx.session.locale.toLowerCase().startsWith('en') ? 'en' : 'es';
}

/**
 * Guards, actions and the `dialogue_acts` refiner for conversations off the script: disputes (`account_disputed`),
 * one arrangement at a time (`has_active_arrangement`, `cancel_arrangement`), answers that never commit
 * (`describe_discount`, `summarize_status`), third parties (`record_deceased`), contact preferences
 * (`record_contact_preference`), payment-claim receipts (`record_payment_reference`) and a request made before
 * verification (`remember_request`, guards `pending_*`). Pure.
 */
export function createDialogueEntries(reader: StepReader): { guards: Record<string, Guard>; actions: Record<string, ActionDef>; refiners: Record<string, ReturnType<typeof createDialogueRefiner>> } {
  const account = (ctx: StepContext) => {
    const parsed = reader.facts(ctx);
    return parsed.ok ? parsed.facts.account : undefined;
  };
  const cancelAction = (reason: string): ActionDef => ({
    writes: ['arrangementCancelled', 'acceptedOffer'],
    run: (ctx) => {
      const a = account(ctx);
      if (!a) return { effects: [{ type: 'audit', code: 'COLLECTIONS.FACTS_INVALID' }] };
      return { slots: { arrangementCancelled: true, acceptedOffer: undefined }, effects: [{ type: 'cancel_arrangement', accountId: a.id, reason }] };
    },
  });
  const pending = (intent: string): Guard => (ctx) => ctx.session.slots.pendingRequest === intent;
  return {
    refiners: { dialogue_acts: createDialogueRefiner(reader) },
    guards: {
      account_disputed: (ctx) => isDisputed(account(ctx), ctx),
      deceased_on_file: (ctx) => {
        const parsed = reader.facts(ctx);
        return parsed.ok && typeof parsed.facts.debtor.deceasedAt === 'string';
      },
      no_pending_request: (ctx) => ctx.session.slots.pendingRequest === undefined,
      pending_pay_link: (ctx) => {
        const parsed = reader.facts(ctx);
        return ctx.session.slots.pendingRequest === 'pay_now' && parsed.ok && parsed.facts.paymentLink !== undefined;
      },
      has_active_arrangement: (ctx) => hasArrangement(account(ctx), ctx),
      arrangement_on_file: (ctx) => {
        const a = account(ctx);
        if (!a || ctx.session.slots.arrangementCancelled === true) return false;
        const s = summarizeAccount(a);
        return s.nextInstallment !== undefined || s.promise !== undefined;
      },
      accepted_in_conversation: (ctx) => !!ctx.session.slots.acceptedOffer && ctx.session.slots.arrangementCancelled !== true,
      has_discount: (ctx) => {
        const parsed = reader.facts(ctx);
        return parsed.ok && parsed.facts.policy.offers.includes('settlement') && parsed.facts.policy.settlement.maxDiscountBp > 0;
      },
      has_contact_day: (ctx) => typeof ctx.session.slots.contactDay === 'string',
      has_contact_window: (ctx) => typeof ctx.session.slots.contactFrom === 'string',
      has_receipt: (ctx) => ctx.event.kind === 'message' && readReceiptNumber(ctx.event.text) !== undefined,
      pending_balance: pending('ask_balance'),
      pending_breakdown: pending('ask_breakdown'),
      pending_arrangement: pending('ask_arrangement'),
      pending_plan: pending('request_plan'),
    },
    actions: {
      record_deceased: { run: () => ({ effects: [{ type: 'record_deceased' }, { type: 'handoff', reason: 'debtor_deceased' }] }) },
      record_contact_preference: {
        writes: ['contactDay', 'contactFrom'],
        run: (ctx) => {
          const date = ctx.event.kind === 'message' ? ctx.event.entities.date : undefined;
          const text = ctx.event.kind === 'message' ? ctx.event.text : '';
          const request = readContactPreference(text, { lang: lang(ctx), now: ctx.now, timeZone: ctx.timeZone, ...(date ? { date } : {}) });
          return { slots: { contactDay: request.day, contactFrom: request.from }, effects: [{ type: 'record_contact_preference', preference: request.preference }] };
        },
      },
      cancel_arrangement: cancelAction('debtor_request'),
      replace_arrangement: cancelAction('replaced'),
      describe_discount: {
        writes: ['discountSummary'],
        run: (ctx) => {
          const parsed = reader.facts(ctx);
          if (!parsed.ok) return { effects: [parsed.effect] };
          const settlement = proposeSettlement({ kind: 'settlement' }, parsed.facts.policy, parsed.facts.account, reader.today(ctx)).offer;
          return { slots: { discountSummary: settlement ? summarizeOffer(settlement, ctx.session.locale, reader.intl) : undefined } };
        },
      },
      summarize_status: {
        writes: ['accountSummary'],
        run: (ctx) => {
          const a = account(ctx);
          return a ? { slots: { accountSummary: { ...summarizeAccount(a) } } } : { effects: [{ type: 'audit', code: 'COLLECTIONS.FACTS_INVALID' }] };
        },
      },
      record_payment_reference: {
        writes: ['paymentReference'],
        run: (ctx) => {
          const reference = ctx.event.kind === 'message' ? readReceiptNumber(ctx.event.text) : undefined;
          if (reference === undefined) return {};
          const accountId = account(ctx)?.id ?? null;
          return { slots: { paymentReference: reference }, effects: [{ type: 'audit', code: 'PAYMENT.CLAIM_REFERENCE', data: { accountId, paidOn: ctx.session.slots.paidOn ?? null, reference } }] };
        },
      },
      remember_request: {
        writes: ['pendingRequest'],
        run: (ctx) => {
          const intent = ctx.event.kind === 'message' ? ctx.event.intent : undefined;
          const known = SERVED_LATER.find((i) => i === intent);
          // The latest request is the one served; one that cannot wait for verification (a dispute) clears it.
          return { slots: { pendingRequest: known } };
        },
      },
      forget_pending_request: { writes: [], run: () => ({ slots: { pendingRequest: undefined } }) },
      forget_offer: { writes: [], run: () => ({ slots: { offer: undefined, offerSummary: undefined } }) },
    },
  };
}
