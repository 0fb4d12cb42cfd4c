import { suggestName } from './suggestName';
import type { z } from 'zod';
import type { ErrorSink } from './createErrorSink';
import type { Locator } from './createLocator';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

const KNOWN_KEYS = [
  'id', 'description', 'locales', 'initial', 'intents', 'refine', 'globals', 'states', 'templates', 'say', 'ask', 'entity', 'slot',
  'on', 'intent', 'event', 'guard', 'unless', 'actions', 'target', 'always', 'otherwise', 'retries', 'max', 'inactivity',
  'after', 'overrides', 'final',
];

/** `states.verify.on[0].target` for messages. */
export function describePath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? 'the file' : out;
}

function isTopLevelTypeMismatch(issue: Issue): boolean {
  return issue.code === 'invalid_type' && issue.path.length === 0;
}

function reportIssue(issue: Issue, prefix: Path, sink: ErrorSink, locator: Locator): void {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    // Report the alternative whose shape matched (e.g. the object form of `always`), not a generic message.
    const branch = issue.errors.find((issues) => issues.length > 0 && !issues.some(isTopLevelTypeMismatch));
    if (branch) {
      for (const inner of branch) reportIssue(inner, path, sink, locator);
      return;
    }
  }
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      const hint = suggestName(key, KNOWN_KEYS);
      sink.add('FLOW.SCHEMA', [...path, key], `unknown key '${key}' in ${describePath(path)}${hint} Remove it or fix its name (see flows/README.md)`, { key: true });
    }
    return;
  }
  const symbols = path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'invalid_type' && !locator.has(symbols)) {
    const missing = String(symbols[symbols.length - 1] ?? '');
    sink.add('FLOW.SCHEMA', symbols, `missing required key '${missing}' in ${describePath(symbols.slice(0, -1))}: add it (${issue.message})`);
    return;
  }
  sink.add('FLOW.SCHEMA', symbols, `${describePath(symbols)}: ${issue.message}`);
}

/** Turns zod issues on the flow into located FLOW.SCHEMA errors with a hint. Pure apart from the sink. */
export function reportSchemaIssues(issues: readonly Issue[], sink: ErrorSink, locator: Locator): void {
  for (const issue of issues) reportIssue(issue, [], sink, locator);
}
