import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { AccountRecord, PlanRecord, PromiseRecord } from '../adapters/db/collections/accountRecord';
import { findAccount } from '../adapters/db/collections/findAccount';
import { findActivePlan } from '../adapters/db/collections/findActivePlan';
import { findPendingPromise } from '../adapters/db/collections/findPendingPromise';
import { toMinor } from '../adapters/db/collections/toMinor';
import type { DB } from '../adapters/db/schema';
import { applyPayment, type PaymentApplication } from '../core/collections/promises/applyPayment';
import type { Money } from '../core/collections/money/money';
import { checkPaymentPlausibility } from '../core/collections/payments/checkPaymentPlausibility';
import { fail, type DomainError, type Result } from '../core/collections/result';
import type { PaymentInput } from './paymentInputSchema';
import { paymentOutcomeSchema, type PaymentOutcome } from './paymentOutcome';
import { writePaymentEffects } from './writePaymentEffects';

export interface RecordPaymentOptions {
  now: Date;
  /** Audit actor, e.g. `api:service`, `import:payments`, `seed`. */
  actor: string;
  /** Where the payment came from (stored on the payment): api, csv, seed. */
  source?: string;
}

/**
 * Records a payment exactly once per external_payment_id, in one transaction: locks the account, applies the
 * amount to the balance, the active plan's installments (oldest first) and the pending promise (when paid after it
 * was made), writes audit events and queues a payment_received event for the debtor's open conversation. A replay
 * with the same id and the same account/amount/currency returns the stored outcome with `replayed: true` and
 * changes nothing; a different payload under a used id fails with PAYMENT.ID_CONFLICT. Other failures:
 * ACCOUNT.NOT_FOUND, PAYMENT.CURRENCY_MISMATCH, and the plausibility limits (checkPaymentPlausibility:
 * PAYMENT.AMOUNT_IMPLAUSIBLE, PAYMENT.PAID_AT_TOO_OLD, PAYMENT.PAID_AT_IN_FUTURE). Does I/O.
 */
export async function recordPayment(db: Kysely<DB>, input: PaymentInput, options: RecordPaymentOptions): Promise<Result<PaymentOutcome>> {
  return db.transaction().execute(async (trx): Promise<Result<PaymentOutcome>> => {
    const account = await findAccount(trx, { externalId: input.account_id }, { forUpdate: true });
    if (!account) return fail('ACCOUNT.NOT_FOUND', `no account ${input.account_id}: import it with the portfolio first`);
    const previous = await replayOf(trx, input, account);
    if (previous) return previous;
    if (input.currency !== account.balance.currency) {
      return fail('PAYMENT.CURRENCY_MISMATCH', `the payment is in ${input.currency} but account ${input.account_id} is in ${account.balance.currency}`);
    }
    const paidAt = new Date(input.paid_at);
    const implausible = await checkPlausible(trx, account, { minor: input.amount, currency: input.currency }, paidAt, options.now);
    if (implausible) return { ok: false, error: implausible };
    const plan = (await findActivePlan(trx, account.id)) ?? null;
    const pending = (await findPendingPromise(trx, account.id)) ?? null;
    const promise = pending && paidAt.getTime() >= pending.madeAt.getTime() ? pending : null;
    const applied = applyPayment(
      { balance: account.balance },
      plan ? { installments: plan.installments } : null,
      promise ? { amount: promise.amount, paid: promise.paid } : null,
      { amount: { minor: input.amount, currency: input.currency }, paidAt: paidAt.toISOString() },
    );
    if (!applied.ok) return applied;
    const outcome = buildOutcome(randomUUID(), input, account, applied.value, plan, pending, promise);
    const inserted = await trx
      .insertInto('payments')
      .values({
        id: outcome.paymentId, externalId: input.external_payment_id, accountId: account.id, amountMinor: input.amount, currency: input.currency,
        paidAt, source: options.source ?? 'api', appliedMinor: outcome.applied.minor, overpaymentMinor: outcome.overpayment.minor,
        balanceAfterMinor: outcome.balance.minor, result: JSON.stringify({ ...outcome, replayed: false }),
      })
      .onConflict((oc) => oc.column('externalId').doNothing())
      .returning('id')
      .executeTakeFirst();
    // Another transaction stored this id first (it paid another account, or lost the race): answer as a replay.
    if (!inserted) return (await replayOf(trx, input, account)) ?? fail('PAYMENT.ID_CONFLICT', 'the payment id is being used concurrently: retry');
    await writePaymentEffects(trx, { account, plan, promise, application: applied.value, outcome, now: options.now, actor: options.actor });
    return { ok: true, value: outcome };
  });
}

/** The account's history the plausibility limits need (when it was imported, what was paid on it), then the check. */
async function checkPlausible(trx: Kysely<DB>, account: AccountRecord, amount: Money, paidAt: Date, now: Date): Promise<DomainError | null> {
  const history = await trx
    .selectFrom('accounts')
    .select((eb) => ['createdAt', eb.selectFrom('payments').select((p) => p.fn.coalesce(p.fn.sum<string>('appliedMinor'), sql<string>`0`).as('paid')).whereRef('payments.accountId', '=', 'accounts.id').as('paid')])
    .where('id', '=', account.id)
    .executeTakeFirstOrThrow();
  const alreadyPaid = { minor: toMinor(history.paid ?? '0'), currency: account.balance.currency };
  return checkPaymentPlausibility({ amount, paidAt, balance: account.balance, alreadyPaid, accountCreatedAt: history.createdAt, dueDate: account.dueDate, now });
}

async function replayOf(trx: Kysely<DB>, input: PaymentInput, account: AccountRecord): Promise<Result<PaymentOutcome> | null> {
  const row = await trx.selectFrom('payments').select(['accountId', 'amountMinor', 'currency', 'result']).where('externalId', '=', input.external_payment_id).executeTakeFirst();
  if (!row) return null;
  if (row.accountId !== account.id || toMinor(row.amountMinor) !== input.amount || row.currency !== input.currency) {
    return fail('PAYMENT.ID_CONFLICT', `payment ${input.external_payment_id} was already recorded with a different account, amount or currency`);
  }
  const stored = paymentOutcomeSchema.safeParse(row.result);
  if (!stored.success) throw new Error(`payment ${input.external_payment_id} has a malformed stored result`);
  return { ok: true, value: { ...stored.data, replayed: true } };
}

function buildOutcome(
  paymentId: string,
  input: PaymentInput,
  account: AccountRecord,
  application: PaymentApplication,
  plan: PlanRecord | null,
  pending: PromiseRecord | null,
  credited: PromiseRecord | null,
): PaymentOutcome {
  const allPaid = plan !== null && application.installments.every((i) => i.status === 'paid');
  const settled = application.balance.minor === 0;
  const promise = pending && credited && application.promise
    ? { id: pending.id, status: settled ? ('kept' as const) : application.promise.status, paid: application.promise.paid }
    : pending && { id: pending.id, status: pending.status, paid: pending.paid };
  return {
    paymentId,
    externalPaymentId: input.external_payment_id,
    accountId: account.externalId,
    amount: { minor: input.amount, currency: input.currency },
    paidAt: new Date(input.paid_at).toISOString(),
    applied: { minor: input.amount - application.overpayment.minor, currency: input.currency },
    overpayment: application.overpayment,
    balance: application.balance,
    accountStatus: account.status === 'active' && settled ? 'paid' : account.status,
    promise,
    plan: plan && { id: plan.id, status: allPaid || settled ? 'completed' : 'active', installmentsPaid: application.covered },
    replayed: false,
  };
}
