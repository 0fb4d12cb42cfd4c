import type { ConsoleSession } from '../auth/consoleSessions';
import type { Breakdown, Funnel, Results } from '../results/computeResults';
import { breakdowns } from '../results/computeResults';
import { formatAmount } from './format';
import { Layout } from './Layout';

const STEPS: Array<[keyof Funnel, string]> = [
  ['contacted', 'Contacted'],
  ['replied', 'Replied'],
  ['verified', 'Verified'],
  ['offered', 'Offered'],
  ['committed', 'Promise or plan'],
  ['keptOrPaid', 'Kept or paid'],
];

function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

function minutes(seconds: number | null): string {
  return seconds === null ? '–' : `${Math.round(seconds / 60)} min`;
}

function Figure(props: { label: string; value: string; hint: string }) {
  return (
    <div class="figure">
      <div class="label">{props.label}</div>
      <div class="value">{props.value}</div>
      <div class="meta">{props.hint}</div>
    </div>
  );
}

/** The results dashboard: period and breakdown, headline figures, charts (chart.js) with a table beside them, CSV export. */
export function ResultsPage(props: { session: ConsoleSession; results: Results; error?: string }) {
  const r = props.results;
  const t = r.total;
  const query = `from=${r.from}&to=${r.to}&by=${r.by.dimension}`;
  const chartData = {
    steps: STEPS.map(([, label]) => label),
    total: STEPS.map(([key]) => Number(t[key])),
    by: r.by.rows.slice(0, 12).map((row) => ({ key: row.key, values: STEPS.map(([key]) => Number(row[key])) })),
  };
  return (
    <Layout title="Results" session={props.session} section="results" scripts={['/console/static/chart.umd.min.js', '/console/static/results.js']}>
      <h1>Results</h1>
      <form method="get" action="/console/results" class="filters">
        <label>
          From
          <input type="date" name="from" value={r.from} required />
        </label>
        <label>
          To
          <input type="date" name="to" value={r.to} required />
        </label>
        <label>
          Break down by
          <select name="by">
            {breakdowns.map((b: Breakdown) => (
              <option value={b} selected={b === r.by.dimension}>
                {b === 'flow' ? 'flow version' : b}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
        <a href={`/console/results.csv?${query}`} download>
          Download CSV
        </a>
      </form>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <h2>The period at a glance</h2>
      <div class="figures">
        <Figure label="Debtors contacted" value={String(t.contacted)} hint="got a message in the period" />
        <Figure label="Kept or paid" value={String(t.keptOrPaid)} hint={`${percent(t.contacted ? t.keptOrPaid / t.contacted : null)} of contacted`} />
        {r.recovered.length === 0 ? <Figure label="Recovered" value="0" hint="no payments" /> : null}
        {r.recovered.map((m) => (
          <Figure label={`Recovered (${m.currency})`} value={formatAmount(m.minor, m.currency)} hint={`${m.payments} payment(s)`} />
        ))}
        <Figure label="Promise-kept rate" value={percent(r.promises.keptRate)} hint={`${r.promises.kept} of ${r.promises.due} promises due`} />
        <Figure label="Bot containment" value={percent(r.containment.rate)} hint={`${r.containment.withoutPerson} of ${r.containment.ended} ended without a person`} />
        <Figure label="Wait for a person" value={minutes(r.handoffWait.medianSeconds)} hint={`median; p90 ${minutes(r.handoffWait.p90Seconds)}; ${r.handoffWait.waitingNow} waiting now`} />
        <Figure label="Opt-out rate" value={percent(t.contacted ? t.optedOut / t.contacted : null)} hint={`${t.optedOut} of contacted`} />
        <Figure label="Dispute rate" value={percent(t.contacted ? t.disputed / t.contacted : null)} hint={`${t.disputed} of contacted`} />
      </div>
      <div class="charts">
        <figure class="chart">
          <canvas id="funnel-chart" role="img" aria-label="Funnel chart; the same figures are in the table below" />
        </figure>
        <figure class="chart">
          <canvas id="breakdown-chart" role="img" aria-label={`Funnel by ${r.by.dimension}; the same figures are in the table below`} />
        </figure>
      </div>
      <div id="results-data" hidden data-json={JSON.stringify(chartData)} />
      <h2>Funnel by {r.by.dimension === 'flow' ? 'flow version' : r.by.dimension}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{r.by.dimension}</th>
            {STEPS.map(([, label]) => (
              <th scope="col">{label}</th>
            ))}
            <th scope="col">Opted out</th>
            <th scope="col">Disputed</th>
          </tr>
        </thead>
        <tbody>
          {[{ ...t, key: 'All' }, ...r.by.rows].map((row) => (
            <tr>
              <th scope="row">{row.key}</th>
              {STEPS.map(([key]) => (
                <td class="num">{row[key]}</td>
              ))}
              <td class="num">{row.optedOut}</td>
              <td class="num">{row.disputed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
