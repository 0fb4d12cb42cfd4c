import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { EvaluationItem } from '../core/nlu/evaluationItemSchema';
import { parseEvaluationItems } from '../core/nlu/parseEvaluationItems';

export type LoadEvaluationResult =
  | { ok: true; items: EvaluationItem[] }
  | { ok: false; error: { code: 'NLU_EVAL.UNREADABLE' | 'NLU_EVAL.BAD_YAML' | 'NLU_EVAL.BAD_ITEMS'; message: string; issues: string[] } };

/** Reads a YAML evaluation file and validates its items; problems name the file, line or item and field. Does file I/O. */
export async function loadEvaluationFile(path: string): Promise<LoadEvaluationResult> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (err) {
    const message = `${path}: cannot read file (${err instanceof Error ? err.message : String(err)})`;
    return { ok: false, error: { code: 'NLU_EVAL.UNREADABLE', message, issues: [message] } };
  }
  const doc = parseDocument(source, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => `${path}:${e.linePos?.[0]?.line ?? '?'}:${e.linePos?.[0]?.col ?? '?'}: ${e.message.split('\n')[0]}`);
    return { ok: false, error: { code: 'NLU_EVAL.BAD_YAML', message: `${path}: invalid YAML`, issues } };
  }
  return parseEvaluationItems(doc.toJS(), path);
}
