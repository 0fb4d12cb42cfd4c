import type { Funnel, Results } from './computeResults';

/**
 * One CSV cell: a text starting with =, +, -, @, tab or carriage return is prefixed with ' so a spreadsheet shows it
 * instead of running it as a formula (OWASP CSV injection); quoted when it holds a comma, quote or line break. Pure.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(cells: Array<string | number | null>): string {
  return cells.map(csvCell).join(',');
}

function funnelCells(section: string, f: Funnel): string {
  return row([section, f.key, f.contacted, f.replied, f.verified, f.offered, f.committed, f.keptOrPaid, f.optedOut, f.disputed]);
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}

/** Every figure of the dashboard as CSV (CRLF lines): funnels, then the breakdown, then money, rates and waits. Pure. */
export function resultsToCsv(results: Results): string {
  const lines = [
    'section,key,contacted,replied,verified,offered,committed,kept_or_paid,opted_out,disputed',
    funnelCells('funnel', results.total),
    ...results.by.rows.map((f) => funnelCells(results.by.dimension, f)),
    ...results.recovered.map((r) => row(['recovered', r.currency, r.minor, r.payments])),
    row(['promise_kept_rate', 'all', round(results.promises.keptRate), results.promises.kept, results.promises.due]),
    row(['bot_containment', 'all', round(results.containment.rate), results.containment.withoutPerson, results.containment.ended]),
    row(['handoff_wait_seconds', 'median', results.handoffWait.medianSeconds]),
    row(['handoff_wait_seconds', 'p90', results.handoffWait.p90Seconds]),
    row(['opt_out_rate', 'all', round(results.total.contacted ? results.total.optedOut / results.total.contacted : null)]),
    row(['dispute_rate', 'all', round(results.total.contacted ? results.total.disputed / results.total.contacted : null)]),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
