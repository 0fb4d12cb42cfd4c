import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { PLAN_EACH_TIME } from '../adapters/db/prepareRepeatedStatements';
import type { DB } from '../adapters/db/schema';
import type { Money } from '../core/collections/money/money';

/**
 * Which account the promise is on: an internal account id (uuid) the caller already has, or the debtor's primary
 * account, resolved inside the same statement.
 */
export type PromiseAccount = { accountId: string; primaryAccount?: never } | { primaryAccount: true; accountId?: never };

export type RecordPromiseInput = PromiseAccount & {
  debtorId: string;
  amount: Money;
  /** ISO date on the debtor's calendar. */
  dueDate: string;
  madeAt: Date;
  conversationId?: string | null;
  /** The debtor's message that made the promise, when it came from a conversation. */
  messageId?: string | null;
  /** Audit actor: `message:<id>`, `supervisor:<name>`, `seed`… */
  actor: string;
};

/**
 * Stores a promise-to-pay as the account's one pending promise: an earlier pending promise is cancelled
 * (PROMISE.CANCELLED) and the new one recorded (PROMISE.RECORDED), both audited with ids, amounts and dates only,
 * CANCELLED first in audit order. All of it is ONE statement (one round trip). With `primaryAccount: true` the
 * account is the debtor's primary one, the rule of applyCollectionsEffect's primaryAccount: the open (active or
 * disputed) account with a balance, highest balance first, else the first account; a debtor without an account
 * throws, as primaryAccount does. Returns the promise and account ids. Does I/O; run it inside the caller's
 * transaction.
 */
export async function recordPromise(trx: Kysely<DB>, input: RecordPromiseInput): Promise<{ promiseId: string; accountId: string }> {
  const accountId = input.accountId ?? null;
  const conversationId = input.conversationId ?? null;
  const { minor, currency } = input.amount;
  // The amount goes in as its decimal text cast to bigint (a safe integer prints exactly), never as a float.
  const amountMinor = String(minor);
  const result = await sql<{ promiseId: string; accountId: string }>`${sql.raw(PLAN_EACH_TIME)}
    WITH acct AS (
      SELECT ${accountId}::uuid AS id WHERE ${accountId}::uuid IS NOT NULL
      UNION ALL
      -- Same rule and order as primaryAccount (listDebtorAccounts' order, first open account with a balance).
      (SELECT a.id FROM accounts a
       WHERE ${accountId}::uuid IS NULL AND a.debtor_id = ${input.debtorId}::uuid
       ORDER BY (a.status IN ('active', 'disputed') AND a.balance_minor > 0) DESC, a.balance_minor DESC, a.external_id
       LIMIT 1)),
    cancelled AS (
      UPDATE promises SET status = 'cancelled', updated_at = ${input.madeAt}::timestamptz, evaluated_at = ${input.madeAt}::timestamptz
      WHERE account_id = (SELECT id FROM acct) AND status = 'pending'
      RETURNING id),
    -- The count reads every cancelled row before the insert makes its row, so the old promise is no longer pending
    -- when the new one meets promises_pending_account_idx (one pending promise per account).
    ins AS (
      INSERT INTO promises (account_id, amount_minor, currency, due_date, made_at, conversation_id, message_id)
      SELECT acct.id, ${amountMinor}::bigint, ${currency}, ${input.dueDate}, ${input.madeAt}::timestamptz, ${conversationId}::uuid, ${input.messageId ?? null}::uuid
      FROM acct CROSS JOIN (SELECT count(*) AS n FROM cancelled) AS replaced
      RETURNING id, account_id),
    -- Sub-statements run in no set order: one INSERT sorted by ord gives CANCELLED a lower seq than RECORDED.
    aud AS (
      INSERT INTO audit_events (at, actor, debtor_id, conversation_id, code, data)
      SELECT ${input.madeAt}::timestamptz, ${input.actor}, ${input.debtorId}::uuid, ${conversationId}::uuid, e.code, e.data
      FROM (
        SELECT 0 AS ord, c.id, 'PROMISE.CANCELLED' AS code, jsonb_build_object('promiseId', c.id, 'reason', 'replaced') AS data
        FROM cancelled c
        UNION ALL
        SELECT 1, i.id, 'PROMISE.RECORDED', jsonb_build_object(
          'promiseId', i.id, 'accountId', i.account_id, 'amountMinor', ${amountMinor}::bigint, 'currency', ${currency}::text, 'dueDate', ${input.dueDate}::text)
        FROM ins i) AS e
      ORDER BY e.ord, e.id)
    SELECT id AS promise_id, account_id FROM ins`.execute(trx);
  const row = result.rows[0];
  if (!row) throw new Error(`debtor ${input.debtorId} has no account for a collections effect`);
  return { promiseId: row.promiseId, accountId: row.accountId };
}
