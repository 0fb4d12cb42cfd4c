import type { ConversationSnapshot } from '../../adapters/db/repositories/loadConversationSnapshots';
import type { Facts } from '../../core/engine/types';

/** What a worker last committed for an address: the conversation as written and the facts it was planned with. */
export interface CachedSnapshot {
  snapshot: ConversationSnapshot;
  facts: Facts | undefined;
}

/**
 * The worker's memory of conversations it processed, used ONLY to interpret the next batch outside the
 * transaction without reading the database first. It is never trusted: under the lock the conversation and facts
 * are read again and an interpretation is reused only when its context is unchanged (interpretationKey), so a
 * stale entry (another process, a takeover, a payment) costs one more round, never a wrong answer.
 */
export interface SnapshotCache {
  get(channel: string, address: string): CachedSnapshot | undefined;
  set(channel: string, address: string, entry: CachedSnapshot): void;
  delete(channel: string, address: string): void;
}

/** A bounded cache (oldest entries go first past `maxEntries`), one per worker. No I/O. */
export function createSnapshotCache(maxEntries = 20_000): SnapshotCache {
  const entries = new Map<string, CachedSnapshot>();
  const keyOf = (channel: string, address: string) => `${channel}\u0000${address}`;
  return {
    get: (channel, address) => entries.get(keyOf(channel, address)),
    set(channel, address, entry) {
      const key = keyOf(channel, address);
      entries.delete(key); // re-insert: Map order is insertion order, so the oldest stays first
      entries.set(key, entry);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
    delete: (channel, address) => void entries.delete(keyOf(channel, address)),
  };
}
