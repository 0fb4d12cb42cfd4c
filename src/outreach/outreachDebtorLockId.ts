import { createHash } from 'node:crypto';

/**
 * The 64-bit advisory-lock id under which outreach writes to one debtor (writeOutreachBatch): the first 8 bytes of
 * sha256('outreach-debtor:' + id) as a signed bigint, so it does not meet the conversation locks. Pure.
 */
export function outreachDebtorLockId(debtorId: string): bigint {
  return createHash('sha256').update(`outreach-debtor:${debtorId}`).digest().readBigInt64BE(0);
}
