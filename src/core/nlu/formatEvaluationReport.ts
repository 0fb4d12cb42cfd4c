import type { EvaluationReport } from './scoreEvaluation';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function table(rows: readonly (readonly string[])[], rightAlignFrom = 1): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, i) => (i >= rightAlignFrom ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

/** Short column names so the confusion table fits a terminal: promise_to_pay → prom_tp. */
function abbreviate(intent: string): string {
  const [first = '', ...rest] = intent.split('_');
  return rest.length === 0 ? first.slice(0, 6) : `${first.slice(0, 4)}_${rest.map((p) => p.charAt(0)).join('')}`;
}

/**
 * Renders an evaluation report as plain text: overall and entity accuracy, a per-intent table, the confusion
 * table (rows labelled, columns predicted, with a legend) and the misses. Pure.
 */
export function formatEvaluationReport(report: EvaluationReport, header: readonly string[] = []): string {
  const out: string[] = [...header];
  out.push(`intent accuracy: ${pct(report.accuracy)} (${report.correct}/${report.total})`);
  const e = report.entities;
  const perEntity = Object.entries(e.perEntity).map(([k, v]) => `${k} ${v.correct}/${v.checked}`).join(', ');
  out.push(`entity accuracy: ${pct(e.accuracy)} (${e.correct}/${e.checked} items with labelled entities${perEntity ? `; ${perEntity}` : ''})`, '');
  out.push(table([
    ['intent', 'support', 'predicted', 'correct', 'precision', 'recall'],
    ...report.perIntent.map((s) => [s.intent, String(s.support), String(s.predicted), String(s.correct), pct(s.precision), pct(s.recall)]),
  ]), '');
  const { labels, matrix } = report.confusion;
  const short = labels.map(abbreviate);
  out.push('confusion (rows: labelled, columns: predicted)');
  out.push(table([['', ...short], ...labels.map((label, i) => [label, ...(matrix[i] ?? []).map((n) => (n === 0 ? '.' : String(n)))])]), '');
  if (report.misses.length > 0) {
    out.push(`misses (${report.misses.length})`);
    out.push(table(report.misses.map((m) => [
      `#${m.index}`, m.locale, `${m.expected} -> ${m.predicted} (${m.confidence.toFixed(2)})`,
      m.entityMismatches.length > 0 ? `entities: ${m.entityMismatches.join(',')}` : '', JSON.stringify(m.text),
    ]), 99));
  }
  return out.join('\n');
}
