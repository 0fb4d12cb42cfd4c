import { evaluationItemSchema } from './evaluationItemSchema';
import type { EvaluationItem } from './evaluationItemSchema';

export type ParseEvaluationResult =
  | { ok: true; items: EvaluationItem[] }
  | { ok: false; error: { code: 'NLU_EVAL.BAD_ITEMS'; message: string; issues: string[] } };

/**
 * Validates already-parsed YAML as a list of evaluation items. Every problem names the file, the item index
 * (0-based) and the field, e.g. `cases.yaml: item 3: entities.date: must be an ISO date YYYY-MM-DD`. Pure.
 */
export function parseEvaluationItems(data: unknown, file: string): ParseEvaluationResult {
  if (!Array.isArray(data)) {
    const message = `${file}: expected a YAML list of { text, locale, intent, entities? } items`;
    return { ok: false, error: { code: 'NLU_EVAL.BAD_ITEMS', message, issues: [message] } };
  }
  const items: EvaluationItem[] = [];
  const issues: string[] = [];
  data.forEach((raw: unknown, index) => {
    const parsed = evaluationItemSchema.safeParse(raw);
    if (parsed.success) {
      items.push(parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(item)';
      issues.push(`${file}: item ${index}: ${field}: ${issue.message}`);
    }
  });
  if (issues.length > 0) {
    const message = `${file}: ${issues.length} problem(s) in evaluation items`;
    return { ok: false, error: { code: 'NLU_EVAL.BAD_ITEMS', message, issues } };
  }
  return { ok: true, items };
}
