import { timingSafeEqual } from 'node:crypto';
import { hashVerificationFactor } from './hashVerificationFactor';

/** What is stored for a debtor: hashed factors and the salt they were hashed with. */
export interface StoredVerification {
  salt: string;
  /** Hex HMAC-SHA256 of each accepted factor (e.g. document last 4, birth date). */
  hashes: readonly string[];
}

export interface VerificationOptions {
  maxAttempts: number;
  lockMinutes: number;
  dateOrder?: 'dmy' | 'mdy';
}

export type VerificationOutcome =
  | { status: 'passed'; attempts: 0; lockUntil: null }
  | { status: 'failed'; attempts: number; attemptsLeft: number; lockUntil: null }
  | { status: 'locked'; attempts: number; lockUntil: string };

function matches(provided: string, stored: StoredVerification, dateOrder: 'dmy' | 'mdy'): boolean {
  const candidate = Buffer.from(hashVerificationFactor(provided, stored.salt, dateOrder), 'hex');
  let found = false;
  for (const hash of stored.hashes) {
    const expected = Buffer.from(hash, 'hex');
    // Compare against every hash in constant time per hash, so timing does not reveal which factor matched.
    if (expected.length === candidate.length && timingSafeEqual(expected, candidate)) found = true;
  }
  return found;
}

/**
 * Checks a verification answer. While `lockUntil` (ISO instant) is in the future it is locked regardless of the
 * answer. A match passes and resets attempts; a miss counts an attempt, and reaching maxAttempts locks for
 * lockMinutes from `now`. The caller stores the returned attempts and lockUntil. Pure (node:crypto).
 */
export function checkVerification(
  provided: string,
  stored: StoredVerification,
  attempts: number,
  now: Date,
  lockUntil: string | null,
  options: VerificationOptions = { maxAttempts: 3, lockMinutes: 30 },
): VerificationOutcome {
  if (lockUntil !== null && Date.parse(lockUntil) > now.getTime()) return { status: 'locked', attempts, lockUntil };
  const previous = lockUntil !== null ? 0 : attempts;
  if (matches(provided, stored, options.dateOrder ?? 'dmy')) return { status: 'passed', attempts: 0, lockUntil: null };
  const count = previous + 1;
  if (count >= options.maxAttempts) {
    return { status: 'locked', attempts: count, lockUntil: new Date(now.getTime() + options.lockMinutes * 60_000).toISOString() };
  }
  return { status: 'failed', attempts: count, attemptsLeft: options.maxAttempts - count, lockUntil: null };
}
