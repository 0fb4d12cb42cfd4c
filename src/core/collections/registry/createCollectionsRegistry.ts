import type { Registry } from '../../engine/types';
import { createAccountEntries } from './createAccountEntries';
import { createNegotiationEntries } from './createNegotiationEntries';
import { createOfferEntries } from './createOfferEntries';
import { createVerificationEntries } from './createVerificationEntries';
import { createFactsReader } from './readStep';

export interface CollectionsRegistryOptions {
  /** Wrong verification answers before the lock (default 3). */
  maxVerificationAttempts?: number;
  /** Lock length in minutes (default 30; config VERIFICATION_LOCK_MINUTES). */
  verificationLockMinutes?: number;
}

/**
 * The collections guards and actions flows refer to by name (identity, negotiation, offers, promises, balance
 * answer, payment link and payment claims),
 * reading facts shaped as CollectionsFacts (README.md). Merge with the base registry in the composition root.
 * Each registry memoises parsed facts per facts object, so build one per process, not per message. Pure.
 */
export function createCollectionsRegistry(options: CollectionsRegistryOptions = {}): Registry {
  const read = createFactsReader();
  const verification = createVerificationEntries(read, { maxAttempts: options.maxVerificationAttempts ?? 3, lockMinutes: options.verificationLockMinutes ?? 30 });
  const negotiation = createNegotiationEntries(read);
  const offers = createOfferEntries(read);
  const account = createAccountEntries(read);
  return {
    guards: { ...verification.guards, ...negotiation.guards, ...offers.guards, ...account.guards },
    actions: { ...verification.actions, ...negotiation.actions, ...offers.actions, ...account.actions },
  };
}
