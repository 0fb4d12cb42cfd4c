import { createHmac } from 'node:crypto';
import { normalizeVerificationFactor } from './normalizeVerificationFactor';

/**
 * HMAC-SHA256 (hex) of a normalised verification factor (document digits, birth date) keyed by the debtor's
 * salt, so stored facts never hold the factor itself and equal answers written differently hash alike. HMAC
 * rather than scrypt: factors such as last-4 digits have too few values for slowness to help, and the check runs
 * on every message; the salt is per-debtor secret material kept out of transcripts. Pure (node:crypto).
 */
export function hashVerificationFactor(value: string, salt: string, dateOrder: 'dmy' | 'mdy' = 'dmy'): string {
  return createHmac('sha256', salt).update(normalizeVerificationFactor(value, dateOrder), 'utf8').digest('hex');
}
