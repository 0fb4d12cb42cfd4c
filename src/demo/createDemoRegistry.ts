import type { ActionDef, Effect, Facts, Guard, Registry, StepContext } from '../core/engine/types';
import { FREQUENCIES, type Frequency } from '../core/nlu/intents';
import { computeEqualPlan, type EqualPlanResult } from './computeEqualPlan';
import { demoFactsSchema, type DemoFacts } from './demoFactsSchema';
import { readValues } from './readValues';
import { shiftIsoDate } from './shiftIsoDate';
import { toLocalIsoDate } from './toLocalIsoDate';

/**
 * The plain guards and actions the default collections flows refer to by name: identity check, promise
 * validation, an equal-split plan from the facts' policy, payment link and payment claims. Merge it with
 * the engine's base registry (createBaseRegistry: handoff, opt-out, wrong party, dispute, remember_*). Pure: every guard and action only reads
 * its StepContext. Facts that do not match demoFactsSchema are a bug in the caller and throw.
 */
export function createDemoRegistry(): Registry {
  const parsed = new WeakMap<Facts, DemoFacts>();
  const factsOf = (ctx: StepContext): DemoFacts => {
    const cached = parsed.get(ctx.facts);
    if (cached) return cached;
    const result = demoFactsSchema.safeParse(ctx.facts);
    if (!result.success) throw new Error(`facts do not match the demo facts shape: ${result.error.message}`);
    parsed.set(ctx.facts, result.data);
    return result.data;
  };
  const planOf = (ctx: StepContext): EqualPlanResult => buildPlan(ctx, factsOf(ctx));

  const guards: Record<string, Guard> = {
    identity_matches: (ctx) => {
      const given = readValues.text(ctx.session.slots.identifier)?.trim();
      const { documentLast4, birthDate } = factsOf(ctx).debtor;
      return given !== undefined && (given === documentLast4 || given === birthDate);
    },
    verification_attempts_left: (ctx) =>
      (ctx.session.attempts[ctx.session.state] ?? 0) + 1 < factsOf(ctx).policy.maxVerificationAttempts,
    promise_amount_valid: (ctx) => isAmountValid(ctx.session.slots.amount, factsOf(ctx)),
    promise_date_valid: (ctx) => isPromiseDateValid(ctx.session.slots.date, ctx, factsOf(ctx)),
    promise_in_message_valid: (ctx) => {
      if (ctx.event.kind !== 'message') return false;
      const facts = factsOf(ctx);
      return isAmountValid(ctx.event.entities.amount, facts) && isPromiseDateValid(ctx.event.entities.date, ctx, facts);
    },
    message_amount_valid: (ctx) => ctx.event.kind === 'message' && isAmountValid(ctx.event.entities.amount, factsOf(ctx)),
    plan_feasible: (ctx) => planOf(ctx).ok,
  };
  const guardReads: Record<string, readonly string[]> = {
    identity_matches: ['identifier'],
    promise_amount_valid: ['amount'],
    promise_date_valid: ['date'],
  };

  const actions: Record<string, ActionDef> = {
    mark_verified: {
      writes: ['verified'],
      run: () => ({ slots: { verified: true }, effects: [audit('VERIFICATION.PASSED')] }),
    },
    lock_verification: {
      run: (ctx) => ({
        effects: [
          audit('VERIFICATION.LOCKED', { attempts: ctx.session.attempts[ctx.session.state] ?? 0 }),
          { type: 'handoff', reason: 'verification_locked' },
        ],
      }),
    },
    record_promise: { writes: ['promise'], run: (ctx) => recordPromise(ctx, factsOf(ctx)) },
    propose_plan: {
      writes: ['plan'],
      run: (ctx) => {
        const result = planOf(ctx);
        if (!result.ok) return { effects: [audit(result.error.code, { message: result.error.message })] };
        return { slots: { plan: result.plan }, effects: [{ type: 'propose_plan', plan: { ...result.plan } }] };
      },
    },
    accept_plan: {
      run: (ctx) => {
        const plan = ctx.session.slots.plan;
        if (typeof plan !== 'object' || plan === null) return { effects: [audit('PLAN.MISSING')] };
        return { effects: [{ type: 'accept_plan', plan: { ...plan } }] };
      },
    },
    send_payment_link: {
      run: (ctx) => ({ effects: [audit('PAYMENT.LINK_SENT', { accountId: factsOf(ctx).account.id })] }),
    },
    record_payment_claim: {
      writes: ['paidOn'],
      run: (ctx) => {
        const paidOn = ctx.event.kind === 'message' ? readValues.isoDate(ctx.event.entities.date) : undefined;
        return { slots: { paidOn: paidOn ?? null }, effects: [audit('PAYMENT.CLAIMED', { paidOn: paidOn ?? null })] };
      },
    },
  };
  return { guards, actions, guardReads };
}

function audit(code: string, data?: Record<string, unknown>): Effect {
  return data ? { type: 'audit', code, data } : { type: 'audit', code };
}

function isAmountValid(value: unknown, facts: DemoFacts): boolean {
  const balance = facts.account.balance;
  const amount = readValues.money(value, balance.currency);
  return amount !== undefined && amount.currency === balance.currency && amount.minor > 0 && amount.minor <= balance.minor;
}

function isPromiseDateValid(value: unknown, ctx: StepContext, facts: DemoFacts): boolean {
  const date = readValues.isoDate(value);
  if (date === undefined) return false;
  const today = toLocalIsoDate(ctx.now, ctx.timeZone);
  return date >= today && date <= shiftIsoDate(today, { days: facts.policy.maxPromiseDays });
}

function recordPromise(ctx: StepContext, facts: DemoFacts): { slots?: Record<string, unknown>; effects: Effect[] } {
  const amount = readValues.money(ctx.session.slots.amount, facts.account.balance.currency);
  const date = readValues.isoDate(ctx.session.slots.date);
  // Guards normally stop invalid promises before this action; refuse again so a flow edit cannot record one.
  if (!amount || !date || !isAmountValid(amount, facts) || !isPromiseDateValid(date, ctx, facts)) {
    return { effects: [audit('PROMISE.INVALID')] };
  }
  return { slots: { promise: { amount, date } }, effects: [{ type: 'record_promise', amount, date }] };
}

/** The installment count comes from this message (count, or an amount per installment), else the slot. */
function buildPlan(ctx: StepContext, facts: DemoFacts): EqualPlanResult {
  const balance = facts.account.balance;
  const entities = ctx.event.kind === 'message' ? ctx.event.entities : {};
  const perInstallment = readValues.money(entities.amount, balance.currency);
  const count =
    readValues.count(entities.count) ??
    (perInstallment && perInstallment.minor > 0 ? Math.ceil(balance.minor / perInstallment.minor) : undefined) ??
    readValues.count(ctx.session.slots.count) ??
    0;
  const frequency = toFrequency(entities.frequency ?? ctx.session.slots.frequency);
  const today = toLocalIsoDate(ctx.now, ctx.timeZone);
  return computeEqualPlan({
    balance,
    count,
    maxInstallments: facts.policy.maxInstallments,
    minInstallment: facts.policy.minInstallment,
    firstDueDate: shiftIsoDate(today, { days: 7 }),
    frequency,
  });
}

function toFrequency(value: unknown): Frequency {
  return FREQUENCIES.find((f) => f === value) ?? 'monthly';
}
