import { readFile } from 'node:fs/promises';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { conversationTestFileSchema, type ConversationTestFile } from './conversationTestSchema';

/** A parsed conversation-test file with the line of every test and step, for failure messages. */
export interface LoadedConversationTests {
  file: string;
  spec: ConversationTestFile;
  /** lines[i] is the line of test i; stepLines[i][j] the line of its step j (1-based). */
  testLines: number[];
  stepLines: number[][];
}

export type LoadConversationTestsResult = { ok: true; tests: LoadedConversationTests } | { ok: false; errors: string[] };

/**
 * Reads and validates one conversation-test YAML file. Errors are `file:line:column: message` lines.
 * Does file I/O.
 */
export async function loadConversationTestFile(file: string): Promise<LoadConversationTestsResult> {
  const text = await readFile(file, 'utf8');
  return parseConversationTestText(text, file);
}

/** Validates conversation-test YAML text; `file` only names it in messages. Pure. */
export function parseConversationTestText(text: string, file: string): LoadConversationTestsResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (path: (string | number)[]): { line: number; col: number } => {
    const node = doc.getIn(path, true);
    const offset = isNode(node) && node.range ? node.range[0] : 0;
    return lineCounter.linePos(offset);
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.slice(0, 1).map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return `${file}:${line}:${col}: YAML syntax: ${e.message.split('\n')[0]} (quote values that contain , [ ] { } or # inside [...] lists)`;
      }),
    };
  }
  const parsed = conversationTestFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const path = issue.path.filter((p) => typeof p === 'string' || typeof p === 'number');
        const { line, col } = lineOf(path);
        return `${file}:${line}:${col}: ${path.join('.') || '(file)'}: ${issue.message}`;
      }),
    };
  }
  const spec = parsed.data;
  return {
    ok: true,
    tests: {
      file,
      spec,
      testLines: spec.tests.map((_, i) => lineOf(['tests', i]).line),
      stepLines: spec.tests.map((t, i) => t.steps.map((_, j) => lineOf(['tests', i, 'steps', j]).line)),
    },
  };
}
