import { INTENT_RULES } from './intentRules';
import { scorePaymentTense } from './scorePaymentTense';

/** How far below the best score a rule still matters: more than any hint or entity bonus can add. */
const MARGIN = 0.1;

// Strongest rules first (stable, so equal weights keep the table's order and its tie-breaking): once a
// strong rule matches, weak ones that can no longer win are not even tried.
const ORDERED = [...INTENT_RULES].sort((a, b) => b.weight - a.weight);

/**
 * Rule weights per intent for normalised text: the best match of each intent that could still win (rules
 * more than MARGIN below the best match are skipped); intents with no matching rule are absent. Pure.
 */
export function scoreIntents(norm: string): Map<string, number> {
  const scores = new Map<string, number>();
  let best = 0;
  for (const { intent, weight, re, maxLength } of ORDERED) {
    if (weight + MARGIN < best) break;
    if ((scores.get(intent) ?? 0) >= weight || (maxLength !== undefined && norm.length > maxLength)) continue;
    if (re.test(norm)) {
      scores.set(intent, weight);
      if (weight > best) best = weight;
    }
  }
  scorePaymentTense(norm, scores);
  return scores;
}
