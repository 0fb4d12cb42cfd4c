import { INTENT_RULES } from './intentRules';
import { scorePaymentTense } from './scorePaymentTense';

/** Best rule weight per intent for normalised text; intents with no matching rule are absent. Pure. */
export function scoreIntents(norm: string): Map<string, number> {
  const scores = new Map<string, number>();
  for (const { intent, weight, re, maxLength } of INTENT_RULES) {
    if ((scores.get(intent) ?? 0) >= weight || (maxLength !== undefined && norm.length > maxLength)) continue;
    if (re.test(norm)) scores.set(intent, weight);
  }
  scorePaymentTense(norm, scores);
  return scores;
}
