import { formatTurn, type Paint } from './formatTurn';
import type { TestOutcome } from './runConversationTestFile';

/**
 * A failed conversation test as text: where it is (file:line), the transcript up to the failing step with
 * state and effects, and one expected/actual line per mismatch. Pure.
 */
export function formatTestFailure(outcome: TestOutcome, paint: Paint): string {
  const failure = outcome.failure;
  if (!failure) return '';
  const lines = [paint.red(`✗ ${outcome.flowName} › ${outcome.name}`) + paint.dim(`  (${outcome.file}:${outcome.line})`)];
  if (failure.stepIndex >= 0) {
    lines.push(paint.dim(`  failed at step ${failure.stepIndex + 1} (${outcome.file}:${failure.line})`));
    lines.push('  transcript:');
    for (const turn of outcome.turns) for (const line of formatTurn(turn, paint, true)) lines.push(`    ${line}`);
  }
  lines.push('  mismatches:');
  for (const problem of failure.problems) lines.push(paint.red(`    - ${problem}`));
  return lines.join('\n');
}
