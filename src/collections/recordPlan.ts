import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import type { Plan } from '../core/collections/plan/plan';

export interface RecordPlanInput {
  /** Internal account id (uuid). */
  accountId: string;
  debtorId: string;
  /** The accepted schedule (calculatePlan / negotiate output). */
  plan: Plan;
  now: Date;
  conversationId?: string | null;
  /** Audit actor: `message:<id>`, `supervisor:<name>`, `seed`… */
  actor: string;
}

/**
 * Stores an accepted payment plan and its installments as the account's one active plan: an earlier active plan
 * is cancelled (PLAN.CANCELLED), the new one recorded (PLAN.ACCEPTED), audited with ids and amounts only.
 * Returns the plan id. Does I/O; run it inside the caller's transaction.
 */
export async function recordPlan(trx: Kysely<DB>, input: RecordPlanInput): Promise<{ planId: string }> {
  const { plan, now } = input;
  const audit = (code: string, data: Record<string, unknown>) =>
    trx.insertInto('auditEvents').values({ at: now, actor: input.actor, debtorId: input.debtorId, conversationId: input.conversationId ?? null, code, data: JSON.stringify(data) }).execute();
  const cancelled = await trx
    .updateTable('plans')
    .set({ status: 'cancelled', updatedAt: now })
    .where('accountId', '=', input.accountId)
    .where('status', '=', 'active')
    .returning('id')
    .execute();
  for (const row of cancelled) await audit('PLAN.CANCELLED', { planId: row.id, reason: 'replaced' });
  const { id } = await trx
    .insertInto('plans')
    .values({
      accountId: input.accountId, conversationId: input.conversationId ?? null, totalMinor: plan.total.minor, currency: plan.total.currency,
      downPaymentMinor: plan.downPayment?.minor ?? null, installmentCount: plan.count, frequency: plan.frequency,
      firstDueDate: plan.firstDueDate, lastDueDate: plan.lastDueDate,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('planInstallments')
    .values(plan.installments.map((i) => ({ planId: id, number: i.number, kind: i.kind, amountMinor: i.amount.minor, dueDate: i.dueDate })))
    .execute();
  await audit('PLAN.ACCEPTED', {
    planId: id, accountId: input.accountId, totalMinor: plan.total.minor, currency: plan.total.currency, count: plan.count,
    frequency: plan.frequency, firstDueDate: plan.firstDueDate, lastDueDate: plan.lastDueDate,
  });
  return { planId: id };
}
