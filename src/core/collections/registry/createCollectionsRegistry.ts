import type { Registry } from '../../engine/types';
import { createAccountEntries } from './createAccountEntries';
import { createContinuityEntries } from './createContinuityEntries';
import { createDialogueEntries } from './createDialogueEntries';
import { createFactsEntries } from './createFactsEntries';
import { createNegotiationEntries } from './createNegotiationEntries';
import { createOfferEntries } from './createOfferEntries';
import { createVerificationEntries } from './createVerificationEntries';
import { createStepReader } from './readStep';

export interface CollectionsRegistryOptions {
  /** Wrong verification answers before the lock (default 3). */
  maxVerificationAttempts?: number;
  /** Lock length in minutes (default 30; config VERIFICATION_LOCK_MINUTES). */
  verificationLockMinutes?: number;
  /** Minutes during which a new conversation at the same address picks up from the last one without asking for identity again (default 60; config REVERIFY_AFTER_MINUTES; 0 = always ask). */
  reverifyAfterMinutes?: number;
}

/**
 * The collections guards and actions flows refer to by name (facts readiness, identity, negotiation, offers,
 * promises, balance answer, payment link and payment claims),
 * reading facts shaped as CollectionsFacts (README.md). Merge with the base registry in the composition root.
 * Each registry memoises parsed facts per facts object and keeps its own Intl formatters, so build one per
 * process, not per message. Pure.
 */
export function createCollectionsRegistry(options: CollectionsRegistryOptions = {}): Registry {
  // One reader per registry: its memo of parsed facts and offers and its Intl formatters live as long as it does.
  const reader = createStepReader();
  const verification = createVerificationEntries(reader.facts, { maxAttempts: options.maxVerificationAttempts ?? 3, lockMinutes: options.verificationLockMinutes ?? 30 });
  const continuity = createContinuityEntries(reader, { reverifyAfterMinutes: options.reverifyAfterMinutes ?? 60 });
  const negotiation = createNegotiationEntries(reader);
  const offers = createOfferEntries(reader);
  const account = createAccountEntries(reader);
  const facts = createFactsEntries(reader.facts);
  const dialogue = createDialogueEntries(reader);
  return {
    guards: { ...facts.guards, ...verification.guards, ...continuity.guards, ...negotiation.guards, ...offers.guards, ...account.guards, ...dialogue.guards },
    actions: { ...facts.actions, ...verification.actions, ...continuity.actions, ...negotiation.actions, ...offers.actions, ...account.actions, ...dialogue.actions },
    refiners: dialogue.refiners,
  };
}
