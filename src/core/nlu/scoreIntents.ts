import { INTENT_RULES } from './intentRules';

/** Best rule weight per intent for normalised text; intents with no matching rule are absent. Pure. */
export function scoreIntents(norm: string): Map<string, number> {
  const scores = new Map<string, number>();
  for (const { intent, weight, re } of INTENT_RULES) {
    if ((scores.get(intent) ?? 0) >= weight) continue;
    if (re.test(norm)) scores.set(intent, weight);
  }
  return scores;
}
