import type { ActionDef, Guard, StepContext } from '../../engine/types';
import { daysBetween, parseIsoDate } from '../dates/isoDate';
import { readReceiptNumber } from '../dialogue/readDialogueAct';
import type { StepReader } from './readStep';
import type { CollectionsFacts } from './collectionsFacts';
import { summarizeAccount, type AccountSummary } from './summarizeAccount';

/**
 * The date a debtor says they already paid on. The NLU resolves a day-and-month without a year forward
 * ("el 20 de noviembre" → next November), which for a past payment means last year: a date after today moves
 * back one year when that lands on or before today; anything still in the future is unknown (null). Pure.
 */
function claimedDate(value: unknown, today: string): string | null {
  if (typeof value !== 'string' || !parseIsoDate(value)) return null;
  if (daysBetween(value, today) >= 0) return value;
  const lastYear = `${Number(value.slice(0, 4)) - 1}${value.slice(4)}`;
  return parseIsoDate(lastYear) && daysBetween(lastYear, today) >= 0 ? lastYear : null;
}

function messageAmount(ctx: StepContext): { minor: number; currency?: string } | undefined {
  return ctx.event.kind === 'message' ? ctx.event.entities.amount : undefined;
}

/**
 * Account guards and actions for the balance answer and payment claims: `has_breakdown`, `has_last_payment`,
 * `has_installment_due`, `has_promise_due`, `has_partial_amount` (the message names an amount above zero and
 * below the balance); `summarize_account` (slot accountSummary: next installment, installments left, promise
 * remaining) and `record_payment_claim` (slot paidOn, audit PAYMENT.CLAIMED). Pure.
 */
export function createAccountEntries(reader: StepReader): { guards: Record<string, Guard>; actions: Record<string, ActionDef> } {
  const account = (ctx: StepContext) => {
    const parsed = reader.facts(ctx);
    return parsed.ok ? parsed.facts.account : undefined;
  };
  // The parsed account is memoised per facts object, so its summary can be too (guards ask for it in turn).
  const summaries = new WeakMap<object, AccountSummary>();
  const summaryOf = (a: CollectionsFacts['account']): AccountSummary => {
    let summary = summaries.get(a);
    if (summary === undefined) {
      summary = summarizeAccount(a);
      summaries.set(a, summary);
    }
    return summary;
  };
  return {
    guards: {
      has_breakdown: (ctx) => account(ctx)?.breakdown !== undefined,
      has_last_payment: (ctx) => !!account(ctx)?.lastPayment,
      has_installment_due: (ctx) => {
        const a = account(ctx);
        return a !== undefined && summaryOf(a).nextInstallment !== undefined;
      },
      has_promise_due: (ctx) => {
        const a = account(ctx);
        return a !== undefined && summaryOf(a).promise !== undefined;
      },
      has_partial_amount: (ctx) => {
        const a = account(ctx);
        const amount = messageAmount(ctx);
        if (!a || !amount) return false;
        return (amount.currency === undefined || amount.currency === a.balance.currency) && amount.minor > 0 && amount.minor < a.balance.minor;
      },
    },
    actions: {
      summarize_account: {
        writes: ['accountSummary'],
        run: (ctx) => {
          const a = account(ctx);
          return a ? { slots: { accountSummary: { ...summarizeAccount(a) } } } : { effects: [{ type: 'audit', code: 'COLLECTIONS.FACTS_INVALID' }] };
        },
      },
      record_payment_claim: {
        writes: ['paidOn', 'paymentClaimed', 'paymentReference'],
        run: (ctx) => {
          const said = ctx.event.kind === 'message' ? ctx.event.entities.date : undefined;
          const paidOn = claimedDate(said ?? ctx.session.slots.paidOn, reader.today(ctx));
          const accountId = account(ctx)?.id ?? null;
          // A receipt, Yape, Bizum or confirmation number given with the claim is kept with it.
          const given = ctx.event.kind === 'message' ? readReceiptNumber(ctx.event.text) : undefined;
          const reference = given ?? (typeof ctx.session.slots.paymentReference === 'string' ? ctx.session.slots.paymentReference : undefined);
          return {
            slots: { paidOn, paymentClaimed: true, paymentReference: reference },
            effects: [{ type: 'audit', code: 'PAYMENT.CLAIMED', data: { accountId, paidOn, ...(reference ? { reference } : {}) } }],
          };
        },
      },
    },
  };
}
