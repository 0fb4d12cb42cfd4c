import type { Terms, TermsPatch } from './policyFileSchema';

/**
 * Terms with the patches applied in order (file defaults, then portfolio terms, then bucket or segment). Each
 * section merges key by key; the minimum-installment table merges per currency; the offers list is replaced. Pure.
 */
export function mergeTerms(base: Terms, ...patches: Array<TermsPatch | undefined>): Terms {
  let merged = base;
  for (const patch of patches) {
    if (!patch) continue;
    merged = {
      offers: patch.offers ?? merged.offers,
      maxCounterOffers: patch.maxCounterOffers ?? merged.maxCounterOffers,
      settlement: { ...merged.settlement, ...patch.settlement },
      installments: {
        ...merged.installments,
        ...patch.installments,
        minAmountMinor: { ...merged.installments.minAmountMinor, ...patch.installments?.minAmountMinor },
      },
      promise: { ...merged.promise, ...patch.promise },
    };
  }
  return merged;
}
