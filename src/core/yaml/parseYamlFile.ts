import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { locateYamlPath } from './locateYamlPath';
import type { SourcePosition } from './locateYamlPath';

/** One problem in an author's YAML file (policy, cadence, compliance rules), positioned for an editor. */
export interface YamlIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Where a path (keys and list indexes) stands in the file; `exists` is false when only a parent was found. */
export type YamlLocator = (path: ReadonlyArray<string | number>) => SourcePosition & { exists: boolean };

export type ParsedYamlFile<T> = { ok: true; value: T; locate: YamlLocator } | { ok: false; issues: YamlIssue[] };

/** A cross-field problem found after the shape is valid: the paths it concerns, the first that exists locates it. */
export interface PathIssue {
  /** Candidate locations, most specific first. */
  paths: Array<Array<string | number>>;
  message: string;
}

/** `file:line:column: message`, the form editors and terminals link to. Pure. */
export function formatYamlIssue(issue: YamlIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;
}

/**
 * Parses the text of an author's YAML file against a zod schema: YAML syntax first (duplicate keys refused), then
 * the shape, every problem at its line and column. Returns a locator for the caller's cross-field checks. Pure.
 */
export function parseYamlFile<T>(source: string, fileName: string, schema: z.ZodType<T>): ParsedYamlFile<T> {
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
  const locate: YamlLocator = (path) => locateYamlPath(doc, lines, path);
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
      const { line, column } = locate(path);
      return { file: fileName, line, column, message: `${where}${message}` };
    }),
  };
}

/** Positions cross-field problems (PathIssue) in the file, each at the first of its paths that exists; no repeats. Pure. */
export function locatePathIssues(issues: readonly PathIssue[], fileName: string, locate: YamlLocator): YamlIssue[] {
  const located = issues.map((issue) => {
    const candidates = issue.paths.map((path) => ({ path, position: locate(path) }));
    const best = candidates.find((c) => c.position.exists) ?? candidates[0];
    return {
      file: fileName,
      line: best?.position.line ?? 1,
      column: best?.position.column ?? 1,
      message: `${best ? `${best.path.join('.')}: ` : ''}${issue.message}`,
    };
  });
  return located.filter((issue, i) => located.findIndex((o) => formatYamlIssue(o) === formatYamlIssue(issue)) === i);
}
