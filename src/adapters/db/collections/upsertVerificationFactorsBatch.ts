import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { VerificationFactorKind } from './collectionsTables';
import type { DB } from '../schema';

export interface DebtorFactors {
  debtorId: string;
  /** Raw factor values; they are hashed here and never stored or logged as given. */
  factors: ReadonlyArray<{ kind: VerificationFactorKind; value: string }>;
}

/**
 * Stores each debtor's verification factors as HMAC-SHA256 hashes (`hash(value, salt)`) with one salt per
 * debtor: an existing salt is reused so re-importing the same values changes nothing, and a debtor without one
 * gets `newSalt()`. Factors no longer in the file are deleted. Returns the debtors whose factors changed. Does I/O; call it inside the import transaction.
 */
export async function upsertVerificationFactorsBatch(
  trx: Kysely<DB>,
  batch: readonly DebtorFactors[],
  deps: { hash: (value: string, salt: string) => string; newSalt: () => string; now: Date },
): Promise<Set<string>> {
  const ids = batch.map((b) => b.debtorId);
  const existing = await trx.selectFrom('verificationFactors').select(['debtorId', 'salt']).where('debtorId', '=', sql<string>`ANY(${ids}::uuid[])`).execute();
  const salts = new Map(existing.map((r) => [r.debtorId, r.salt]));
  const rows = batch.flatMap((b) => {
    const salt = salts.get(b.debtorId) ?? deps.newSalt();
    return b.factors.map((f) => ({ debtorId: b.debtorId, kind: f.kind, salt, hash: deps.hash(f.value, salt) }));
  });
  const deleted = await sql<{ debtorId: string }>`
    DELETE FROM verification_factors vf
    WHERE vf.debtor_id = ANY(${ids}::uuid[])
      AND (vf.debtor_id, vf.kind) NOT IN (SELECT * FROM unnest(${rows.map((r) => r.debtorId)}::uuid[], ${rows.map((r) => r.kind)}::text[]))
    RETURNING vf.debtor_id`.execute(trx);
  const changed = new Set(deleted.rows.map((r) => r.debtorId));
  if (rows.length === 0) return changed;
  const written = await sql<{ debtorId: string }>`
    INSERT INTO verification_factors (debtor_id, kind, hash, salt, updated_at)
    SELECT d, k, h, s, ${deps.now}::timestamptz
    FROM unnest(${rows.map((r) => r.debtorId)}::uuid[], ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.hash)}::text[], ${rows.map((r) => r.salt)}::text[]) AS t(d, k, h, s)
    ON CONFLICT (debtor_id, kind) DO UPDATE SET hash = EXCLUDED.hash, salt = EXCLUDED.salt, updated_at = EXCLUDED.updated_at
    WHERE verification_factors.hash IS DISTINCT FROM EXCLUDED.hash OR verification_factors.salt IS DISTINCT FROM EXCLUDED.salt
    RETURNING debtor_id`.execute(trx);
  for (const r of written.rows) changed.add(r.debtorId);
  return changed;
}
