/**
 * npm run flows:test [-- --flows=DIR] [files…] — runs conversation tests (tests/conversations/*.yaml by default) against the
 * flows in flows/ with the real rules NLU, prints failures with transcripts and state/transition coverage.
 * Exit 1 on any failure; a full run (no files given) also fails when a tested flow has an untaken transition.
 */
import { join } from 'node:path';
import { createAnsiPaint, createPlainPaint } from '../src/flowTesting/formatTurn';
import { runConversationSuite } from '../src/flowTesting/runConversationSuite';
import { summarizeSuiteReport } from '../src/flowTesting/summarizeSuiteReport';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const files = args.filter((arg) => !arg.startsWith('--'));
const flowsDir = args.find((arg) => arg.startsWith('--flows='))?.slice('--flows='.length) ?? join(root, 'flows');
const report = await runConversationSuite({
  flowsDir,
  testsDir: join(root, 'tests', 'conversations'),
  files,
});
const paint = process.stdout.isTTY ? createAnsiPaint() : createPlainPaint();
const summary = summarizeSuiteReport(report, paint, files.length === 0);
console.log(summary.text);
process.exit(summary.ok ? 0 : 1);
