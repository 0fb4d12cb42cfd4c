import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { findAccount } from '../adapters/db/collections/findAccount';
import type { DB } from '../adapters/db/schema';
import { addDays } from '../core/collections/dates/addPeriod';
import { daysPastDue } from '../core/collections/dates/daysPastDue';
import { localDate } from '../core/collections/dates/localDate';
import { formatMoney } from '../core/collections/money/formatMoney';
import { buildSchedule } from '../core/collections/plan/buildSchedule';
import type { PortfolioRow } from '../core/portfolio/portfolioRow';
import { validatePortfolio } from '../core/portfolio/validatePortfolio';
import { importPortfolio, type ImportSummary } from './importPortfolio';
import { openDispute } from './openDispute';
import type { PaymentOutcome } from './paymentOutcome';
import { recordPlan } from './recordPlan';
import { recordPromise } from './recordPromise';

/** The shipped demo portfolio: one debtor per market, marked debtors.demo (the simulator lists only those). */
export const DEMO_PORTFOLIO_URL = new URL('./demo/demoPortfolio.csv', import.meta.url);

const DAY_MS = 86_400_000;
const ACTOR = 'seed';

/** One line of the demo table printed by `npm run seed:demo` (and copied into README). */
export interface DemoDebtorLine {
  externalId: string;
  name: string;
  country: string;
  locale: string;
  phone: string;
  documentLast4: string;
  birthDate: string;
  situation: string;
}

/**
 * Loads the demo portfolio through importPortfolio (the same path as any file), then adds each demo debtor's
 * history in one transaction: CO a payment already reflected in the balance, MX a pending promise, PE a monthly
 * plan with its first installment paid, CL an open dispute; ES and US have none. Also stores simulator hints
 * (document last 4, birth date) in the demo debtors' profile, so the web simulator can show what to answer.
 * Idempotent: a second run finds everything in place and writes nothing. Does I/O (reads the CSV, writes the DB).
 */
export async function seedDemo(db: Kysely<DB>, now: Date, options: { csvText?: string } = {}): Promise<{ imported: ImportSummary; debtors: DemoDebtorLine[] }> {
  const csv = options.csvText ?? (await readFile(DEMO_PORTFOLIO_URL, 'utf8'));
  const validated = validatePortfolio(csv);
  if (!validated.ok) throw new Error(`the demo portfolio is invalid: ${validated.issues.map((i) => `line ${i.line} ${i.column}: ${i.message}`).join('; ')}`);
  const imported = await importPortfolio(db, csv, { now, actor: ACTOR });
  if (!imported.ok) throw new Error(`the demo portfolio did not import: ${imported.error.message}`);
  await db.transaction().execute(async (trx) => {
    // Only the seed marks demo debtors: the simulator opens no one else.
    await trx.updateTable('debtors').set({ demo: true }).where('externalId', 'in', validated.value.rows.map((row) => row.debtor.externalId)).where('demo', '=', false).execute();
    for (const row of validated.value.rows) await addHistory(trx, row, now);
  });
  return { imported: imported.value, debtors: validated.value.rows.map((row) => describe(row, now)) };
}

async function addHistory(trx: Kysely<DB>, row: PortfolioRow, now: Date): Promise<void> {
  const account = await findAccount(trx, { externalId: row.account.externalId });
  if (!account) throw new Error(`demo account ${row.account.externalId} was not imported`);
  const today = localDate(now, row.debtor.timeZone);
  const base = { accountId: account.id, accountExternalId: account.externalId, debtorId: account.debtorId, actor: ACTOR };
  const has = async (table: 'promises' | 'plans' | 'disputes') =>
    (await trx.selectFrom(table).select('id').where('accountId', '=', account.id).executeTakeFirst()) !== undefined;
  if (row.debtor.country === 'CO') {
    await insertPastPayment(trx, { ...base, externalId: 'demo-pay-co-1', amountMinor: 20_000_000, currency: 'COP', paidAt: new Date(now.getTime() - 3 * DAY_MS), balanceAfterMinor: account.balance.minor });
  }
  if (row.debtor.country === 'MX' && !(await has('promises'))) {
    await recordPromise(trx, { ...base, amount: { minor: 200_000, currency: 'MXN' }, dueDate: addDays(today, 5), madeAt: new Date(now.getTime() - DAY_MS) });
  }
  if (row.debtor.country === 'PE' && !(await has('plans'))) {
    const firstDueDate = addDays(today, -25);
    const schedule = buildSchedule({ total: { minor: 320_000, currency: 'PEN' }, count: 4, frequency: 'monthly', firstDueDate });
    if (!schedule.ok) throw new Error(`demo plan: ${schedule.error.message}`);
    const { planId } = await recordPlan(trx, { ...base, plan: schedule.value, now: new Date(now.getTime() - 30 * DAY_MS) });
    await trx.updateTable('planInstallments').set({ paidMinor: sql`amount_minor`, status: 'paid' }).where('planId', '=', planId).where('number', '=', 1).execute();
    await insertPastPayment(trx, { ...base, externalId: 'demo-pay-pe-1', amountMinor: 80_000, currency: 'PEN', paidAt: new Date(now.getTime() - 25 * DAY_MS), balanceAfterMinor: account.balance.minor });
  }
  if (row.debtor.country === 'CL' && !(await has('disputes'))) await openDispute(trx, { ...base, reasonCode: 'not_mine', now });
  const hints = { debtor: { documentLast4: row.debtor.documentLast4, birthDate: row.debtor.birthDate }, creditor: { name: row.account.creditor }, account: { product: row.account.product, balance: account.balance } };
  await trx
    .updateTable('debtors')
    .set({ profile: sql`profile || ${JSON.stringify(hints)}::jsonb` })
    .where('id', '=', account.debtorId)
    .where(sql<boolean>`NOT profile @> ${JSON.stringify(hints)}::jsonb`)
    .execute();
}

/** A payment the creditor had already applied before the portfolio file was cut: stored, not applied again. */
async function insertPastPayment(
  trx: Kysely<DB>,
  p: { accountId: string; accountExternalId: string; debtorId: string; externalId: string; amountMinor: number; currency: string; paidAt: Date; balanceAfterMinor: number },
): Promise<void> {
  const id = randomUUID();
  const money = (minor: number) => ({ minor, currency: p.currency });
  // Stored like an API answer so that replaying this payment id through POST /api/payments returns it.
  const result: PaymentOutcome = {
    paymentId: id, externalPaymentId: p.externalId, accountId: p.accountExternalId, amount: money(p.amountMinor), paidAt: p.paidAt.toISOString(),
    applied: money(p.amountMinor), overpayment: money(0), balance: money(p.balanceAfterMinor), accountStatus: 'active', promise: null, plan: null, replayed: false,
  };
  const inserted = await trx
    .insertInto('payments')
    .values({
      id, externalId: p.externalId, accountId: p.accountId, amountMinor: p.amountMinor, currency: p.currency, paidAt: p.paidAt, source: 'seed',
      appliedMinor: p.amountMinor, overpaymentMinor: 0, balanceAfterMinor: p.balanceAfterMinor, result: JSON.stringify(result),
    })
    .onConflict((oc) => oc.column('externalId').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return;
  await trx
    .insertInto('auditEvents')
    .values({ at: p.paidAt, actor: ACTOR, debtorId: p.debtorId, conversationId: null, code: 'PAYMENT.RECORDED', data: JSON.stringify({ paymentId: inserted.id, accountId: p.accountId, amountMinor: p.amountMinor, currency: p.currency, balanceAfterMinor: p.balanceAfterMinor }) })
    .execute();
}

const SITUATIONS: Readonly<Record<string, string>> = {
  CO: 'paid COP 200.000 three days ago',
  MX: 'promised MXN 2,000.00 in 5 days',
  PE: '4 monthly installments of PEN 800.00, the first one paid',
  CL: 'disputed ("not mine"): collection paused',
  ES: 'no history; settlement allowed',
  US: 'hardship segment; not yet due',
};

function describe(row: PortfolioRow, now: Date): DemoDebtorLine {
  const dpd = daysPastDue(row.account.dueDate, now, row.debtor.timeZone);
  const balance = formatMoney({ minor: row.account.balanceMinor, currency: row.account.currency }, row.debtor.locale);
  return {
    externalId: row.debtor.externalId,
    name: `${row.debtor.firstName} ${row.debtor.lastName}`,
    country: row.debtor.country,
    locale: row.debtor.locale,
    phone: row.debtor.phone,
    documentLast4: row.debtor.documentLast4 ?? '',
    birthDate: row.debtor.birthDate ?? '',
    situation: `${balance} with ${row.account.creditor}, ${dpd > 0 ? `${dpd} days past due` : `due ${row.account.dueDate}`}; ${SITUATIONS[row.debtor.country] ?? ''}`,
  };
}
