import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import type { PlanRecord } from './accountRecord';
import { toMinor, toMinorOrNull } from './toMinor';

/** The account's active plan with its installments in due-date order, or undefined. Does I/O. */
export async function findActivePlan(trx: Kysely<DB>, accountId: string): Promise<PlanRecord | undefined> {
  const plan = await trx.selectFrom('plans').selectAll().where('accountId', '=', accountId).where('status', '=', 'active').executeTakeFirst();
  if (!plan) return undefined;
  const installments = await trx
    .selectFrom('planInstallments')
    .selectAll()
    .where('planId', '=', plan.id)
    .orderBy('dueDate')
    .orderBy('number')
    .execute();
  const currency = plan.currency;
  const downPayment = toMinorOrNull(plan.downPaymentMinor);
  return {
    id: plan.id,
    accountId: plan.accountId,
    status: plan.status,
    total: { minor: toMinor(plan.totalMinor), currency },
    downPayment: downPayment === null ? null : { minor: downPayment, currency },
    count: plan.installmentCount,
    frequency: plan.frequency,
    firstDueDate: plan.firstDueDate,
    lastDueDate: plan.lastDueDate,
    installments: installments.map((i) => ({
      id: i.id,
      number: i.number,
      kind: i.kind,
      amount: { minor: toMinor(i.amountMinor), currency },
      dueDate: i.dueDate,
      paid: { minor: toMinor(i.paidMinor), currency },
      status: i.status,
    })),
  };
}
