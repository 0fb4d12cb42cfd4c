import type { Kysely } from 'kysely';
import type { AccountRecord, PlanRecord, PromiseRecord } from '../adapters/db/collections/accountRecord';
import type { DB } from '../adapters/db/schema';
import type { PaymentApplication } from '../core/collections/promises/applyPayment';
import type { PaymentOutcome } from './paymentOutcome';

export interface PaymentEffectsInput {
  account: AccountRecord;
  plan: PlanRecord | null;
  /** The pending promise the payment counts toward (made before it was paid), if any. */
  promise: PromiseRecord | null;
  application: PaymentApplication;
  outcome: PaymentOutcome;
  now: Date;
  actor: string;
}

/**
 * Writes what a recorded payment changed, inside the payment transaction: account balance and status, plan
 * installments and plan status, promise paid amount and status, an audit event for each (ids and amounts only),
 * and a payment_received event for the debtor's open conversation. Does I/O.
 */
export async function writePaymentEffects(trx: Kysely<DB>, input: PaymentEffectsInput): Promise<void> {
  const { account, outcome, now, actor } = input;
  const audit = (code: string, data: Record<string, unknown>) =>
    trx.insertInto('auditEvents').values({ at: now, actor, debtorId: account.debtorId, conversationId: null, code, data: JSON.stringify(data) }).execute();

  await trx.updateTable('accounts').set({ balanceMinor: outcome.balance.minor, status: outcome.accountStatus, updatedAt: now }).where('id', '=', account.id).execute();
  await audit('PAYMENT.RECORDED', {
    paymentId: outcome.paymentId, accountId: account.id, amountMinor: outcome.amount.minor, currency: outcome.amount.currency,
    appliedMinor: outcome.applied.minor, overpaymentMinor: outcome.overpayment.minor,
    balanceBeforeMinor: account.balance.minor, balanceAfterMinor: outcome.balance.minor,
  });
  await writePlanChanges(trx, input, audit);
  if (input.promise && outcome.promise) {
    await trx
      .updateTable('promises')
      .set({ paidMinor: outcome.promise.paid.minor, status: outcome.promise.status, updatedAt: now, evaluatedAt: outcome.promise.status === 'kept' ? now : null })
      .where('id', '=', input.promise.id)
      .execute();
    await audit(outcome.promise.status === 'kept' ? 'PROMISE.KEPT' : 'PROMISE.PAYMENT_APPLIED', {
      promiseId: input.promise.id, paymentId: outcome.paymentId, paidMinor: outcome.promise.paid.minor, amountMinor: input.promise.amount.minor,
    });
  }
  await queuePaymentReceived(trx, account.debtorId, outcome);
}

async function writePlanChanges(trx: Kysely<DB>, input: PaymentEffectsInput, audit: (code: string, data: Record<string, unknown>) => Promise<unknown>): Promise<void> {
  const { plan, application, outcome, now } = input;
  if (!plan || !outcome.plan) return;
  const before = new Map(plan.installments.map((i) => [i.number, i]));
  for (const after of application.installments) {
    const stored = before.get(after.number);
    if (!stored || stored.paid.minor === after.paid.minor) continue;
    await trx.updateTable('planInstallments').set({ paidMinor: after.paid.minor, status: after.status }).where('id', '=', stored.id).execute();
  }
  if (outcome.plan.installmentsPaid.length > 0) {
    await audit('PLAN.INSTALLMENTS_PAID', { planId: plan.id, paymentId: outcome.paymentId, numbers: outcome.plan.installmentsPaid });
  }
  if (outcome.plan.status === 'completed') {
    await trx.updateTable('plans').set({ status: 'completed', updatedAt: now }).where('id', '=', plan.id).execute();
    await audit('PLAN.COMPLETED', { planId: plan.id, paymentId: outcome.paymentId });
  }
}

/**
 * Queues payment_received for the debtor's open conversation in collection_events (same transaction, once per
 * payment). The pipeline turns it into a `{ kind: 'system', name: 'payment_received' }` engine event.
 */
async function queuePaymentReceived(trx: Kysely<DB>, debtorId: string, outcome: PaymentOutcome): Promise<void> {
  const conversation = await trx
    .selectFrom('conversations')
    .select('id')
    .where('debtorId', '=', debtorId)
    .where('status', '=', 'active')
    .orderBy('updatedAt', 'desc')
    .executeTakeFirst();
  if (!conversation) return;
  await trx
    .insertInto('collectionEvents')
    .values({
      name: 'payment_received',
      refId: outcome.paymentId,
      debtorId,
      conversationId: conversation.id,
      data: JSON.stringify({ paymentId: outcome.paymentId, amount: outcome.amount, balance: outcome.balance, accountId: outcome.accountId }),
    })
    .onConflict((oc) => oc.columns(['name', 'refId']).doNothing())
    .execute();
}
