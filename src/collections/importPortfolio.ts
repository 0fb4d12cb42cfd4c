import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { replaceContactPointsBatch } from '../adapters/db/collections/replaceContactPointsBatch';
import { upsertAccountsBatch } from '../adapters/db/collections/upsertAccountsBatch';
import { upsertDebtorsBatch } from '../adapters/db/collections/upsertDebtorsBatch';
import { upsertVerificationFactorsBatch } from '../adapters/db/collections/upsertVerificationFactorsBatch';
import type { VerificationFactorKind } from '../adapters/db/collections/collectionsTables';
import type { DB } from '../adapters/db/schema';
import { hashVerificationFactor } from '../core/collections/verification/hashVerificationFactor';
import type { PortfolioIssue } from '../core/portfolio/portfolioIssue';
import type { PortfolioDebtor } from '../core/portfolio/portfolioRow';
import { validatePortfolio } from '../core/portfolio/validatePortfolio';

export interface ImportSummary {
  rows: number;
  debtors: { created: number; updated: number; unchanged: number };
  accounts: { created: number; updated: number; unchanged: number };
}

export type ImportPortfolioResult =
  | { ok: true; value: ImportSummary }
  | { ok: false; error: { code: 'PORTFOLIO.INVALID'; message: string }; issues: PortfolioIssue[]; totalIssues: number };

export interface ImportPortfolioOptions {
  now: Date;
  /** Audit actor, e.g. `import:cli`, `api:admin`, `seed`. */
  actor?: string;
  /** Rows per statement (default 5000). */
  chunkSize?: number;
}

/**
 * Imports a portfolio CSV all-or-nothing: validates the whole file first (validatePortfolio; on any problem
 * nothing is written and every problem is returned), then in ONE transaction upserts debtors by external_id,
 * their SMS/WhatsApp contact points with consent, hashed verification factors and accounts by account_id, in
 * batches of multi-row statements, and records one PORTFOLIO.IMPORTED audit event when anything changed.
 * Verification factors are HMAC-SHA256 with a random per-debtor salt (see hashVerificationFactor): a slow KDF
 * would make a 100k-row file take minutes and buys nothing for 4-digit factors. Does I/O.
 */
export async function importPortfolio(db: Kysely<DB>, csvText: string, options: ImportPortfolioOptions): Promise<ImportPortfolioResult> {
  const validated = validatePortfolio(csvText);
  if (!validated.ok) return validated;
  const { rows, debtors } = validated.value;
  const actor = options.actor ?? 'import';
  const size = options.chunkSize ?? 5000;
  const now = options.now;
  const summary = await db.transaction().execute(async (trx) => {
    const ids = new Map<string, string>();
    const debtorCounts = { created: 0, updated: 0 };
    for (const chunk of chunks(debtors, size)) {
      const written = await upsertDebtorsBatch(trx, chunk, now);
      debtorCounts.created += written.created;
      debtorCounts.updated += written.updated;
      const idOf = (d: PortfolioDebtor): string => requireId(written.ids, d.externalId);
      for (const d of chunk) ids.set(d.externalId, idOf(d));
      await replaceContactPointsBatch(trx, chunk.map((d) => ({ debtorId: idOf(d), phone: d.phone, consentSms: d.consentSms, consentWhatsapp: d.consentWhatsapp })), now);
      await upsertVerificationFactorsBatch(trx, chunk.map((d) => ({ debtorId: idOf(d), factors: factorsOf(d) })), {
        hash: (value, salt) => hashVerificationFactor(value, salt),
        newSalt: () => randomBytes(16).toString('hex'),
        now,
      });
    }
    const accountCounts = { created: 0, updated: 0 };
    for (const chunk of chunks(rows, size)) {
      const written = await upsertAccountsBatch(trx, chunk.map((r) => ({ ...r.account, debtorId: requireId(ids, r.debtor.externalId) })), { now, actor });
      accountCounts.created += written.created;
      accountCounts.updated += written.updated;
    }
    const result: ImportSummary = {
      rows: rows.length,
      debtors: { ...debtorCounts, unchanged: debtors.length - debtorCounts.created - debtorCounts.updated },
      accounts: { ...accountCounts, unchanged: rows.length - accountCounts.created - accountCounts.updated },
    };
    if (debtorCounts.created + debtorCounts.updated + accountCounts.created + accountCounts.updated > 0) {
      await trx.insertInto('auditEvents').values({ at: now, actor, code: 'PORTFOLIO.IMPORTED', data: JSON.stringify(result), conversationId: null, debtorId: null }).execute();
    }
    return result;
  });
  return { ok: true, value: summary };
}

function factorsOf(debtor: PortfolioDebtor): Array<{ kind: VerificationFactorKind; value: string }> {
  const factors: Array<{ kind: VerificationFactorKind; value: string }> = [];
  if (debtor.documentLast4) factors.push({ kind: 'document_last4', value: debtor.documentLast4 });
  if (debtor.birthDate) factors.push({ kind: 'birth_date', value: debtor.birthDate });
  return factors;
}

function requireId(ids: ReadonlyMap<string, string>, externalId: string): string {
  const id = ids.get(externalId);
  if (!id) throw new Error(`debtor ${externalId} was upserted but has no id`);
  return id;
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
