import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isSameJson } from '../../../core/json/isSameJson';
import type { DB } from '../schema';
import type { AccountRecord, PlanRecord, PromiseRecord } from './accountRecord';
import { toAccountRecord } from './findAccount';
import { toMinor, toMinorOrNull } from './toMinor';

/** Everything the collections facts of one debtor are built from (readDebtorFactsRows reads many in ONE statement). */
export interface DebtorFactsRow {
  debtor: { id: string; externalId: string; firstName: string; lastName: string; locale: string; timezone: string; country: string; deceasedAt: Date | null };
  /** Highest balance first, then by external id (the first open one is what a conversation is about). */
  accounts: AccountRecord[];
  /** Verification factors in kind order. */
  factors: Array<{ hash: string; salt: string }>;
  lockedUntil: Date | null;
  /** Last payment, pending promise and active plan of the primary account (the first open one, else the first). */
  primary: { accountId: string; lastPayment: { amountMinor: number; currency: string; paidAt: Date } | null; promise: PromiseRecord | null; plan: PlanRecord | null } | null;
}

const minor = z.union([z.string(), z.number()]);
const epochMs = z.union([z.string(), z.number()]).transform((v) => new Date(Number(v)));
const accountSchema = z.object({
  id: z.string(), externalId: z.string(), debtorId: z.string(), creditor: z.string(), product: z.string(), currency: z.string(), balanceMinor: z.string(),
  principalMinor: z.string().nullable(), interestMinor: z.string().nullable(), feesMinor: z.string().nullable(), dueDate: z.string(), segment: z.string().nullable(),
  status: z.enum(['active', 'paid', 'disputed', 'closed']), pausedReason: z.string().nullable(), timezone: z.string(),
});
const promiseSchema = z.object({
  id: z.string(), accountId: z.string(), amountMinor: minor, currency: z.string(), dueDate: z.string(), madeAt: epochMs,
  status: z.enum(['pending', 'kept', 'partially_kept', 'broken', 'cancelled']), paidMinor: minor, conversationId: z.string().nullable(),
});
const installmentSchema = z.object({ id: z.string(), number: z.number(), kind: z.enum(['down_payment', 'installment']), amountMinor: minor, dueDate: z.string(), paidMinor: minor, status: z.enum(['open', 'partial', 'paid']) });
const planSchema = z.object({
  id: z.string(), accountId: z.string(), status: z.enum(['active', 'completed', 'broken', 'cancelled']), totalMinor: minor, currency: z.string(), downPaymentMinor: minor.nullable(),
  installmentCount: z.number(), frequency: z.enum(['weekly', 'biweekly', 'monthly']), firstDueDate: z.string(), lastDueDate: z.string(), installments: z.array(installmentSchema),
});
const rowSchema = z.object({
  id: z.string(), externalId: z.string(), firstName: z.string(), lastName: z.string(), locale: z.string(), timezone: z.string(), country: z.string(),
  deceasedAt: epochMs.nullable(),
  accounts: z.array(accountSchema), factors: z.array(z.object({ hash: z.string(), salt: z.string() })), lockedUntil: epochMs.nullable(),
  primaryId: z.string().nullable(),
  lastPayment: z.object({ amountMinor: minor, currency: z.string(), paidAt: epochMs }).nullable(),
  promise: promiseSchema.nullable(),
  plan: planSchema.nullable(),
});

/**
 * Reads debtors, their accounts, verification factors and lock, and each primary account's last payment, pending
 * promise and active plan (with installments) in ONE statement for all the ids (JSON sub-selects), so building the
 * facts of a whole batch costs one round trip. Bigint amounts travel as text and instants as epoch milliseconds, so
 * nothing loses precision. The map is keyed by debtor id as stored (lowercase); a debtor that does not exist is absent.
 * No statement for an empty list. Does I/O.
 */
export async function readDebtorFactsRows(trx: Kysely<DB>, debtorIds: readonly string[], memo?: DebtorFactsRowMemo): Promise<Map<string, DebtorFactsRow>> {
  const rows = new Map<string, DebtorFactsRow>();
  if (debtorIds.length === 0) return rows;
  const result = await sql`
    SELECT d.id, d.external_id, d.first_name, d.last_name, d.locale, d.timezone, d.country,
      floor(extract(epoch FROM d.deceased_at) * 1000)::bigint::text AS deceased_at,
      (SELECT coalesce(json_agg(json_build_object('id', a.id, 'externalId', a.external_id, 'debtorId', a.debtor_id, 'creditor', a.creditor, 'product', a.product,
          'currency', a.currency, 'balanceMinor', a.balance_minor::text, 'principalMinor', a.principal_minor::text, 'interestMinor', a.interest_minor::text,
          'feesMinor', a.fees_minor::text, 'dueDate', a.due_date, 'segment', a.segment, 'status', a.status, 'pausedReason', a.paused_reason, 'timezone', d.timezone)
          ORDER BY a.balance_minor DESC, a.external_id), '[]'::json) FROM accounts a WHERE a.debtor_id = d.id) AS accounts,
      (SELECT coalesce(json_agg(json_build_object('hash', f.hash, 'salt', f.salt) ORDER BY f.kind), '[]'::json) FROM verification_factors f WHERE f.debtor_id = d.id) AS factors,
      (SELECT floor(extract(epoch FROM vs.locked_until) * 1000)::bigint::text FROM verification_state vs WHERE vs.debtor_id = d.id) AS locked_until,
      p.id AS primary_id,
      (SELECT json_build_object('amountMinor', pay.amount_minor::text, 'currency', pay.currency, 'paidAt', floor(extract(epoch FROM pay.paid_at) * 1000)::bigint::text)
        FROM payments pay WHERE pay.account_id = p.id ORDER BY pay.paid_at DESC LIMIT 1) AS last_payment,
      (SELECT json_build_object('id', pr.id, 'accountId', pr.account_id, 'amountMinor', pr.amount_minor::text, 'currency', pr.currency, 'dueDate', pr.due_date,
          'madeAt', floor(extract(epoch FROM pr.made_at) * 1000)::bigint::text, 'status', pr.status, 'paidMinor', pr.paid_minor::text, 'conversationId', pr.conversation_id)
        FROM promises pr WHERE pr.account_id = p.id AND pr.status = 'pending' LIMIT 1) AS promise,
      (SELECT json_build_object('id', pl.id, 'accountId', pl.account_id, 'status', pl.status, 'totalMinor', pl.total_minor::text, 'currency', pl.currency,
          'downPaymentMinor', pl.down_payment_minor::text, 'installmentCount', pl.installment_count, 'frequency', pl.frequency, 'firstDueDate', pl.first_due_date,
          'lastDueDate', pl.last_due_date, 'installments', (SELECT coalesce(json_agg(json_build_object('id', i.id, 'number', i.number, 'kind', i.kind,
            'amountMinor', i.amount_minor::text, 'dueDate', i.due_date, 'paidMinor', i.paid_minor::text, 'status', i.status) ORDER BY i.due_date, i.number), '[]'::json)
            FROM plan_installments i WHERE i.plan_id = pl.id))
        FROM plans pl WHERE pl.account_id = p.id AND pl.status = 'active' LIMIT 1) AS plan
    FROM debtors d
    LEFT JOIN LATERAL (
      SELECT a.id FROM accounts a WHERE a.debtor_id = d.id
      ORDER BY (a.status IN ('active', 'disputed') AND a.balance_minor > 0) DESC, a.balance_minor DESC, a.external_id LIMIT 1) AS p ON true
    WHERE d.id = ANY(${[...debtorIds]}::uuid[])`.execute(trx);
  for (const raw of result.rows) {
    const row = memo?.reuse(raw) ?? toDebtorFactsRow(rowSchema.parse(raw));
    memo?.remember(raw, row);
    rows.set(row.debtor.id, row);
  }
  return rows;
}

/** Rows read before, by debtor: an unchanged row is given back as the same object, without parsing it again. */
export interface DebtorFactsRowMemo {
  reuse(raw: unknown): DebtorFactsRow | undefined;
  remember(raw: unknown, row: DebtorFactsRow): void;
}

/**
 * A memo of the last row read per debtor (at most `maxDebtors`, the oldest forgotten first). A row equal to the
 * last one (isSameJson) is returned as the same object, so what callers built from it can be reused too. No I/O.
 */
export function createDebtorFactsRowMemo(maxDebtors = 20_000): DebtorFactsRowMemo {
  const last = new Map<string, { raw: unknown; row: DebtorFactsRow }>();
  const idOf = (raw: unknown) => (typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : undefined);
  return {
    reuse(raw) {
      const id = idOf(raw);
      const hit = id === undefined ? undefined : last.get(id);
      return hit && isSameJson(hit.raw, raw) ? hit.row : undefined;
    },
    remember(raw, row) {
      const id = idOf(raw);
      if (id === undefined || last.get(id)?.row === row) return;
      last.delete(id);
      last.set(id, { raw, row });
      if (last.size > maxDebtors) {
        const oldest = last.keys().next();
        if (!oldest.done) last.delete(oldest.value);
      }
    },
  };
}

function toDebtorFactsRow(row: z.infer<typeof rowSchema>): DebtorFactsRow {
  return {
    debtor: { id: row.id, externalId: row.externalId, firstName: row.firstName, lastName: row.lastName, locale: row.locale, timezone: row.timezone, country: row.country, deceasedAt: row.deceasedAt },
    accounts: row.accounts.map(toAccountRecord),
    factors: row.factors,
    lockedUntil: row.lockedUntil,
    primary: row.primaryId
      ? {
          accountId: row.primaryId,
          lastPayment: row.lastPayment ? { amountMinor: toMinor(row.lastPayment.amountMinor), currency: row.lastPayment.currency, paidAt: row.lastPayment.paidAt } : null,
          promise: row.promise ? toPromise(row.promise) : null,
          plan: row.plan ? toPlan(row.plan) : null,
        }
      : null,
  };
}

function toPromise(p: z.infer<typeof promiseSchema>): PromiseRecord {
  return {
    id: p.id, accountId: p.accountId, amount: { minor: toMinor(p.amountMinor), currency: p.currency }, dueDate: p.dueDate, madeAt: p.madeAt, status: p.status,
    paid: { minor: toMinor(p.paidMinor), currency: p.currency }, conversationId: p.conversationId,
  };
}

function toPlan(plan: z.infer<typeof planSchema>): PlanRecord {
  const currency = plan.currency;
  const downPayment = toMinorOrNull(plan.downPaymentMinor);
  return {
    id: plan.id, accountId: plan.accountId, status: plan.status, total: { minor: toMinor(plan.totalMinor), currency },
    downPayment: downPayment === null ? null : { minor: downPayment, currency }, count: plan.installmentCount, frequency: plan.frequency,
    firstDueDate: plan.firstDueDate, lastDueDate: plan.lastDueDate,
    installments: plan.installments.map((i) => ({
      id: i.id, number: i.number, kind: i.kind, amount: { minor: toMinor(i.amountMinor), currency }, dueDate: i.dueDate, paid: { minor: toMinor(i.paidMinor), currency }, status: i.status,
    })),
  };
}
