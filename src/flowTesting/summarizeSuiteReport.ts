import { formatTestFailure } from './formatTestFailure';
import type { Paint } from './formatTurn';
import type { SuiteReport } from './runConversationSuite';

export interface SuiteSummary {
  ok: boolean;
  text: string;
}

/**
 * The printable result of a conversation-test run: one line per test, every failure with its transcript,
 * load errors, and state/transition coverage per flow with what was never taken. With `enforceCoverage`,
 * anything uncovered makes the run fail. Pure.
 */
export function summarizeSuiteReport(report: SuiteReport, paint: Paint, enforceCoverage: boolean): SuiteSummary {
  const lines: string[] = [];
  for (const error of report.loadErrors) lines.push(paint.red(`✗ ${error}`));
  for (const outcome of report.outcomes) {
    if (outcome.failure) lines.push(formatTestFailure(outcome, paint));
    else lines.push(`${paint.green('✓')} ${outcome.flowName} › ${outcome.name}`);
  }
  const failed = report.outcomes.filter((o) => o.failure).length;
  let uncovered = 0;
  lines.push('', paint.bold('coverage'));
  for (const [flowId, coverage] of report.coverage) {
    const { states, handlers } = coverage;
    uncovered += states.missing.length + handlers.missing.length;
    const stateLine = `${states.total - states.missing.length}/${states.total} states`;
    const handlerLine = `${handlers.total - handlers.missing.length}/${handlers.total} transitions`;
    const complete = states.missing.length === 0 && handlers.missing.length === 0;
    lines.push(`  ${complete ? paint.green('✓') : paint.yellow('!')} ${flowId}: ${stateLine}, ${handlerLine}`);
    for (const state of states.missing) lines.push(paint.yellow(`      never reached: ${state}`));
    for (const handler of handlers.missing) lines.push(paint.yellow(`      never taken: ${handler}`));
  }
  const coverageFails = enforceCoverage && uncovered > 0;
  const ok = failed === 0 && report.loadErrors.length === 0 && !coverageFails && report.outcomes.length > 0;
  const passed = report.outcomes.length - failed;
  lines.push('', `${passed} passed, ${failed} failed, ${report.loadErrors.length} load errors${coverageFails ? `, ${uncovered} uncovered (fails the run)` : ''}`);
  return { ok, text: lines.join('\n') };
}
