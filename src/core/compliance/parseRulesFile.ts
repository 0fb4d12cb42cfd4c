import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { locateYamlPath } from '../collections/policy/locateYamlPath';
import type { SourcePosition } from '../collections/policy/locateYamlPath';

/** One problem in a compliance rules file: `file:line:column: message`. */
export interface RulesIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type ParsedRulesFile<T> = { ok: true; value: T; locate: (path: ReadonlyArray<string | number>) => SourcePosition } | { ok: false; issues: RulesIssue[] };

/** `file:line:column: message`, the form editors link to. Pure. */
export function formatRulesIssue(issue: RulesIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message} [COMPLIANCE.RULES_INVALID]`;
}

/**
 * Parses the text of a compliance rules file against a zod schema: YAML syntax first, then the shape, each problem
 * at its line and column. Returns a locator for later checks (a creditor override that loosens the law). Pure.
 */
export function parseRulesFile<T>(source: string, fileName: string, schema: z.ZodType<T>): ParsedRulesFile<T> {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { file: fileName, line, column: col, message: `${e.message.split('\n')[0]} (fix the YAML syntax)` };
      }),
    };
  }
  const locate = (path: ReadonlyArray<string | number>) => locateYamlPath(doc, lines, path);
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return { ok: true, value: parsed.data, locate };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => {
      const base = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      const path = unknownKey === undefined ? base : [...base, unknownKey];
      const where = path.length > 0 ? `${path.join('.')}: ` : '';
      const message = unknownKey === undefined ? issue.message : `unknown key "${unknownKey}": check the spelling or remove it (see flows/README.md)`;
      return { file: fileName, ...locate(path), message: `${where}${message}` };
    }),
  };
}
