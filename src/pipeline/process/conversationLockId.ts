import { createHash } from 'node:crypto';
import { conversationLockKey } from './conversationLockKey';

/**
 * The 64-bit advisory-lock id that serialises all work on one conversation address in every process: the first
 * 8 bytes of sha256(conversationLockKey) as a signed bigint. Computed here (not in SQL) so the lock can be taken
 * in the same round trip as BEGIN. Pure.
 */
export function conversationLockId(channel: string, address: string): bigint {
  const digest = createHash('sha256').update(conversationLockKey(channel, address)).digest();
  return digest.readBigInt64BE(0);
}
