import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { VerificationFactorKind } from '../../adapters/db/collections/collectionsTables';
import { readStagedAccounts, readStagedDebtors } from '../../adapters/db/collections/portfolioStaging';
import { replaceContactPointsBatch } from '../../adapters/db/collections/replaceContactPointsBatch';
import { upsertAccountsBatch } from '../../adapters/db/collections/upsertAccountsBatch';
import { upsertDebtorsBatch } from '../../adapters/db/collections/upsertDebtorsBatch';
import { upsertVerificationFactorsBatch } from '../../adapters/db/collections/upsertVerificationFactorsBatch';
import type { DB } from '../../adapters/db/schema';
import { hashVerificationFactor } from '../../core/collections/verification/hashVerificationFactor';
import type { PortfolioDebtor } from '../../core/portfolio/portfolioRow';
import type { ImportSummary } from '../importPortfolio';

/**
 * Writes a checked portfolio from the staging table, `chunkSize` rows per statement: each debtor (by external_id)
 * with their SMS/WhatsApp contact points (replaceContactPointsBatch: opt-outs kept, conversations on numbers that
 * change hands ended) and verification factors as HMAC-SHA256 with a per-debtor salt (a slow KDF would make a
 * 100k-row file take minutes and buys nothing for 4-digit factors), then every account by account_id. Returns the
 * truthful counts: a debtor whose row, contact points or factors changed is `updated`. Does I/O, inside the
 * import's transaction.
 */
export async function writeStagedPortfolio(
  trx: Kysely<DB>,
  opts: { rows: number; now: Date; actor: string; chunkSize: number; onWritten?: (rows: number) => void },
): Promise<ImportSummary> {
  const { now, actor, chunkSize } = opts;
  const contacts = { moved: 0, removed: 0, consentWithdrawn: 0, consentNotRestored: 0, conversationsEnded: 0 };
  const debtorCounts = { created: 0, updated: 0, seen: 0 };
  for (let after = ''; ; ) {
    const debtors = await readStagedDebtors(trx, after, chunkSize);
    if (debtors.length === 0) break;
    after = debtors[debtors.length - 1]?.externalId ?? after;
    debtorCounts.seen += debtors.length;
    const written = await upsertDebtorsBatch(trx, debtors, now);
    // A debtor is in one batch only, so what changed is counted per batch.
    const changed = new Set(written.updatedIds);
    const idOf = (d: PortfolioDebtor): string => requireId(written.ids, d.externalId);
    const moved = await replaceContactPointsBatch(trx, debtors.map((d) => ({ debtorId: idOf(d), phone: d.phone, consentSms: d.consentSms, consentWhatsapp: d.consentWhatsapp })), { now, actor });
    contacts.moved += moved.moved;
    contacts.removed += moved.removed;
    contacts.consentWithdrawn += moved.consentWithdrawn;
    contacts.consentNotRestored += moved.consentNotRestored;
    contacts.conversationsEnded += moved.conversationsEnded;
    moved.changedDebtorIds.forEach((id) => changed.add(id));
    const factorsChanged = await upsertVerificationFactorsBatch(trx, debtors.map((d) => ({ debtorId: idOf(d), factors: factorsOf(d) })), {
      hash: (value, salt) => hashVerificationFactor(value, salt),
      newSalt: () => randomBytes(16).toString('hex'),
      now,
    });
    factorsChanged.forEach((id) => changed.add(id));
    debtorCounts.created += written.createdIds.size;
    debtorCounts.updated += [...changed].filter((id) => !written.createdIds.has(id)).length;
  }
  const accounts = { created: 0, updated: 0 };
  let written = 0;
  for (let after = 0; ; ) {
    const batch = await readStagedAccounts(trx, after, chunkSize);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]?.line ?? after;
    const counts = await upsertAccountsBatch(trx, batch.map((b) => b.account), { now, actor });
    accounts.created += counts.created;
    accounts.updated += counts.updated;
    written += batch.length;
    opts.onWritten?.(written);
  }
  return {
    rows: opts.rows,
    debtors: { created: debtorCounts.created, updated: debtorCounts.updated, unchanged: debtorCounts.seen - debtorCounts.created - debtorCounts.updated },
    accounts: { ...accounts, unchanged: written - accounts.created - accounts.updated },
    contacts,
  };
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
