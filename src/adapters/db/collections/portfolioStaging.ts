import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CrossRowFinding } from '../../../core/portfolio/crossRowFinding';
import type { PortfolioAccount, PortfolioDebtor, PortfolioRow } from '../../../core/portfolio/portfolioRow';
import type { DB } from '../schema';

/**
 * The staging table of one portfolio import: a temporary table of the file's valid rows, private to the import's
 * transaction and dropped when it ends (raw verification factors never outlive it). Rows are staged as they are
 * read, so the process holds one batch at a time whatever the file's size; the checks across rows run in SQL
 * over the whole file, and the writes read it back in batches. All functions do I/O inside that transaction.
 */

/** Creates the staging table (ON COMMIT DROP). */
export async function createPortfolioStaging(trx: Kysely<DB>): Promise<void> {
  await sql`
    CREATE TEMPORARY TABLE portfolio_staging (
      line integer PRIMARY KEY,
      external_id text NOT NULL,
      account_id text NOT NULL,
      phone text NOT NULL,
      currency text NOT NULL,
      debtor_key text NOT NULL,
      debtor jsonb NOT NULL,
      account jsonb NOT NULL
    ) ON COMMIT DROP`.execute(trx);
  await sql`CREATE INDEX ON portfolio_staging (external_id, line)`.execute(trx);
}

/** Adds valid rows to the staging table in one statement. */
export async function stagePortfolioRows(trx: Kysely<DB>, rows: readonly PortfolioRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO portfolio_staging (line, external_id, account_id, phone, currency, debtor_key, debtor, account)
    SELECT * FROM unnest(${rows.map((r) => r.line)}::integer[], ${rows.map((r) => r.debtor.externalId)}::text[],
      ${rows.map((r) => r.account.externalId)}::text[], ${rows.map((r) => r.debtor.phone)}::text[], ${rows.map((r) => r.account.currency)}::text[],
      ${rows.map((r) => JSON.stringify(r.debtor))}::text[], ${rows.map((r) => JSON.stringify(r.debtor))}::jsonb[],
      ${rows.map((r) => JSON.stringify(r.account))}::jsonb[])`.execute(trx);
}

export const portfolioDebtorSchema = z.object({
  externalId: z.string(), firstName: z.string(), lastName: z.string(), email: z.string().nullable(), country: z.string(), locale: z.string(),
  timeZone: z.string(), phone: z.string(), documentLast4: z.string().nullable(), birthDate: z.string().nullable(),
  consentWhatsapp: z.boolean(), consentSms: z.boolean(), region: z.string().nullable().default(null),
});
const portfolioAccountSchema = z.object({
  externalId: z.string(), creditor: z.string(), product: z.string(), currency: z.string(), balanceMinor: z.number().int(), dueDate: z.string(),
  segment: z.string().nullable(),
  breakdown: z.object({ principalMinor: z.number().int(), interestMinor: z.number().int(), feesMinor: z.number().int() }).nullable().optional(),
});

const findingRow = z.object({
  kind: z.enum(['duplicate_account', 'debtor_differs', 'shared_phone', 'account_owner', 'account_currency']),
  line: z.number(), ref: z.string(), other: z.string().nullable(), otherLine: z.number().nullable(), debtor: z.unknown(), otherDebtor: z.unknown(),
});

/**
 * The checks that need the whole file or the database, over the staged rows: an account listed twice, a debtor
 * whose columns differ between their rows, a phone given to two debtors, and an account that already exists under
 * another debtor or in another currency (an import never moves an account or changes its currency). Returns up to
 * `limit` findings in line order, and how many there are in all.
 */
export async function findCrossRowFindings(trx: Kysely<DB>, limit: number): Promise<{ findings: CrossRowFinding[]; total: number }> {
  // The statistics of a fresh temporary table are unknown until analysed, and the planner then picks nested loops.
  await sql`ANALYZE portfolio_staging`.execute(trx);
  // One pass of window functions (sorts), not a lookup per row: the first line of each account, debtor and phone.
  const found = sql`
    WITH s AS (
      SELECT line, external_id, account_id, phone, currency, debtor_key, debtor,
        min(line) OVER (PARTITION BY account_id) AS account_first,
        first_value(line) OVER (PARTITION BY external_id ORDER BY line) AS debtor_first,
        first_value(debtor_key) OVER (PARTITION BY external_id ORDER BY line) AS debtor_first_key,
        first_value(line) OVER (PARTITION BY phone ORDER BY line) AS phone_first,
        first_value(external_id) OVER (PARTITION BY phone ORDER BY line) AS phone_owner
      FROM portfolio_staging)
    SELECT 'duplicate_account' AS kind, line, account_id AS ref, NULL AS other, account_first AS other_line, NULL::jsonb AS debtor FROM s WHERE line > account_first
    UNION ALL
    SELECT 'debtor_differs', line, external_id, NULL, debtor_first, debtor FROM s WHERE debtor_key <> debtor_first_key
    UNION ALL
    SELECT 'shared_phone', line, phone, phone_owner, phone_first, NULL FROM s WHERE phone_owner <> external_id
    UNION ALL
    SELECT CASE WHEN d.external_id <> s.external_id THEN 'account_owner' ELSE 'account_currency' END, s.line, s.account_id,
           CASE WHEN d.external_id <> s.external_id THEN d.external_id ELSE a.currency END, NULL, NULL
      FROM portfolio_staging s JOIN accounts a ON a.external_id = s.account_id JOIN debtors d ON d.id = a.debtor_id
      WHERE d.external_id <> s.external_id OR a.currency <> s.currency`;
  const rows = await sql`
    SELECT x.*, total, CASE WHEN x.kind = 'debtor_differs' THEN (SELECT p.debtor FROM portfolio_staging p WHERE p.line = x.other_line) END AS other_debtor
    FROM (SELECT *, count(*) OVER () AS total FROM (${found}) f ORDER BY line, kind LIMIT ${limit}) x ORDER BY line, kind`.execute(trx);
  const parsed = rows.rows.map((raw) => findingRow.extend({ total: z.coerce.number() }).parse(raw));
  return { findings: parsed.map(toFinding), total: parsed[0]?.total ?? 0 };
}

function toFinding(r: z.infer<typeof findingRow>): CrossRowFinding {
  const other = r.other ?? '';
  const otherLine = r.otherLine ?? 0;
  switch (r.kind) {
    case 'duplicate_account':
      return { kind: r.kind, line: r.line, accountId: r.ref, firstLine: otherLine };
    case 'debtor_differs':
      return { kind: r.kind, line: r.line, externalId: r.ref, firstLine: otherLine, debtor: portfolioDebtorSchema.parse(r.debtor), firstDebtor: portfolioDebtorSchema.parse(r.otherDebtor) };
    case 'shared_phone':
      return { kind: r.kind, line: r.line, phone: r.ref, ownerExternalId: other, ownerLine: otherLine };
    case 'account_owner':
      return { kind: r.kind, line: r.line, accountId: r.ref, ownerExternalId: other };
    case 'account_currency':
      return { kind: r.kind, line: r.line, accountId: r.ref, currency: other };
  }
}

/** The next `limit` staged debtors after `afterExternalId` (each from their first row), in external_id order. */
export async function readStagedDebtors(trx: Kysely<DB>, afterExternalId: string, limit: number): Promise<PortfolioDebtor[]> {
  const rows = await sql<{ debtor: unknown }>`
    SELECT DISTINCT ON (external_id) debtor FROM portfolio_staging WHERE external_id > ${afterExternalId}
    ORDER BY external_id, line LIMIT ${limit}`.execute(trx);
  return rows.rows.map((r) => portfolioDebtorSchema.parse(r.debtor));
}

/** The next `limit` staged accounts after line `afterLine`, with the id of their (already written) debtor. */
export async function readStagedAccounts(trx: Kysely<DB>, afterLine: number, limit: number): Promise<Array<{ line: number; account: PortfolioAccount & { debtorId: string } }>> {
  const rows = await sql<{ line: number; account: unknown; debtorId: string }>`
    SELECT s.line, s.account, d.id AS debtor_id
    FROM (SELECT line, account, external_id FROM portfolio_staging WHERE line > ${afterLine} ORDER BY line LIMIT ${limit}) s
    JOIN debtors d ON d.external_id = s.external_id ORDER BY s.line`.execute(trx);
  return rows.rows.map((r) => ({ line: r.line, account: { ...portfolioAccountSchema.parse(r.account), debtorId: r.debtorId } }));
}
