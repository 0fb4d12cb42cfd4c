/**
 * Portfolio import benchmark against the running service: writes two synthetic portfolio CSVs to /tmp (by default
 * 267,722 rows, about 60 MB: one that fails validation on one row in a thousand, and a valid one), creates a fresh
 * database on the PostgreSQL server at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), starts the
 * service (`src/main.ts`, one process) on it, uploads each file to POST /api/portfolio/import (202 + a job) and polls
 * GET /api/portfolio/imports/:id until it ends, while a prober asks GET /healthz back to back. Prints, per file: the
 * time to the job's end, rows/s, the longest /healthz answer during the import (the event loop's worst stall, as a
 * caller sees it; printed next to the same prober's worst over 10 s with no import, since a shared machine stalls
 * too), and the service's peak RSS (sampled from /proc, and VmHWM). Drops the database at the end.
 * Usage: npm run bench:import [-- --rows 267722]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { once } from 'node:events';
import { z } from 'zod';
import { createScratchDatabase } from '../src/adapters/db/createScratchDatabase';
import { PORTFOLIO_COLUMNS } from '../src/core/portfolio/portfolioColumns';

const MARKETS = [
  { country: 'CO', currency: 'COP', phone: (n: string) => `+5730${n}`, decimals: true },
  { country: 'MX', currency: 'MXN', phone: (n: string) => `+5255${n}`, decimals: true },
  { country: 'PE', currency: 'PEN', phone: (n: string) => `+519${n}`, decimals: true },
  { country: 'CL', currency: 'CLP', phone: (n: string) => `+569${n}`, decimals: false },
  { country: 'ES', currency: 'EUR', phone: (n: string) => `+346${n}`, decimals: true },
  { country: 'US', currency: 'USD', phone: (n: string) => `+12125${n.slice(2)}`, decimals: true },
] as const;

const TOKEN = `bench-${randomBytes(12).toString('hex')}`;

function row(i: number, failing: boolean): string {
  const market = MARKETS[i % MARKETS.length] ?? MARKETS[0];
  const serial = String(10_000_000 + i).slice(-8);
  const whole = 1000 + ((i * 7919) % 5_000_000);
  const balance = failing && i % 1000 === 999 ? 'mil' : market.decimals ? `${whole}.${String(i % 100).padStart(2, '0')}` : String(whole);
  const day = String(1 + (i % 28)).padStart(2, '0');
  return [
    `B-${i}`, 'Nombre Segundo', `"Apellido Paterno, Materno ${i}"`, market.phone(serial), `deudor.${i}@example.com`, market.country, '', '',
    String(i % 10_000).padStart(4, '0'), `19${50 + (i % 50)}-0${1 + (i % 9)}-${day}`, `BA-${i}`, 'Banco Benchmark del Pacífico S.A.',
    'Tarjeta de crédito clásica', market.currency, balance, `2026-0${1 + (i % 9)}-${day}`, i % 10 === 0 ? 'hardship' : 'standard', 'true', i % 2 === 0 ? 'true' : 'false',
  ].join(',');
}

/** Writes the CSV in pieces (the bench must not hold 60 MB either). */
async function writeCsv(file: string, rows: number, failing: boolean): Promise<number> {
  const out = createWriteStream(file);
  let lines = [PORTFOLIO_COLUMNS.join(',')];
  for (let i = 0; i < rows; i += 1) {
    lines.push(row(i, failing));
    if (lines.length >= 5000) {
      if (!out.write(`${lines.join('\r\n')}\r\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  out.end(lines.length > 0 ? `${lines.join('\r\n')}\r\n` : '');
  await once(out, 'finish');
  return statSync(file).size;
}

function spawnService(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+?)(?:\s|$)/i.exec(output);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`service exited with ${code}:\n${output}`)));
  });
}

/** Streams a file as the request body; resolves with the status and the JSON answer. */
function upload(url: string, file: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/portfolio/import`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv', 'content-length': statSync(file).size } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

const jobAnswer = z.object({
  job: z.object({
    id: z.string(), status: z.enum(['running', 'succeeded', 'failed']),
    summary: z.object({ rows: z.number(), debtors: z.object({ created: z.number() }), accounts: z.object({ created: z.number() }) }).optional(),
    error: z.object({ code: z.string(), totalIssues: z.number().optional() }).optional(),
  }),
});

const rssOf = (pid: number, field: 'VmRSS' | 'VmHWM'): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Imports one file through the service, probing /healthz and sampling RSS until the job ends. */
async function measure(url: string, pid: number, label: string, file: string, rows: number): Promise<void> {
  let done = false;
  let longest = 0;
  let probes = 0;
  let peak = rssOf(pid, 'VmRSS');
  const prober = (async () => {
    while (!done) {
      const t0 = performance.now();
      await fetch(`${url}/healthz`).then((r) => r.arrayBuffer(), () => undefined);
      longest = Math.max(longest, performance.now() - t0);
      probes += 1;
    }
  })();
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid, 'VmRSS'))), 50);
  const started = performance.now();
  const answer = await upload(url, file);
  if (answer.status !== 202) throw new Error(`${label}: expected 202, got ${answer.status} ${JSON.stringify(answer.body)}`);
  let job = jobAnswer.parse(answer.body).job;
  while (job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const res = await fetch(`${url}/api/portfolio/imports/${job.id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    job = jobAnswer.parse(await res.json()).job;
  }
  const seconds = (performance.now() - started) / 1000;
  done = true;
  await prober;
  clearInterval(sampler);
  const outcome = job.summary ? `succeeded: ${job.summary.debtors.created} debtors, ${job.summary.accounts.created} accounts created` : `failed: ${job.error?.code} (${job.error?.totalIssues} problems)`;
  console.log(`${label}: ${outcome} in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s`);
  console.log(`  longest /healthz answer during the import ${longest.toFixed(0)} ms (${probes} probes); service peak RSS ${peak.toFixed(0)} MB during it (VmHWM so far ${rssOf(pid, 'VmHWM').toFixed(0)} MB)`);
}

async function probeHealth(url: string, ms: number): Promise<{ longest: number; probes: number }> {
  const until = performance.now() + ms;
  let longest = 0;
  let probes = 0;
  while (performance.now() < until) {
    const t0 = performance.now();
    await fetch(`${url}/healthz`).then((r) => r.arrayBuffer());
    longest = Math.max(longest, performance.now() - t0);
    probes += 1;
  }
  return { longest, probes };
}

async function main(): Promise<void> {
  const rowsArg = process.argv.indexOf('--rows');
  const rows = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 267_722;
  const failingFile = `/tmp/pacto-bench-portfolio-${rows}-failing.csv`;
  const validFile = `/tmp/pacto-bench-portfolio-${rows}.csv`;
  const failingBytes = await writeCsv(failingFile, rows, true);
  const validBytes = await writeCsv(validFile, rows, false);
  console.log(`generated ${rows} rows: ${failingFile} (${(failingBytes / 1e6).toFixed(1)} MB, one bad balance per 1,000 rows) and ${validFile} (${(validBytes / 1e6).toFixed(1)} MB)`);

  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = await createScratchDatabase(serverUrl, 'pacto_bench_');
  let service: { child: ChildProcess; url: string } | undefined;
  try {
    service = await spawnService({
      DATABASE_URL: scratch.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', SEED_DEMO: 'false',
      API_TOKENS: `${TOKEN}:admin`, PAYMENT_LINK_SECRET: randomBytes(24).toString('hex'),
    });
    const pid = service.child.pid ?? 0;
    console.log(`service at ${service.url} (pid ${pid}), idle RSS ${rssOf(pid, 'VmRSS').toFixed(0)} MB`);
    // The same prober with no import running: on a shared machine the baseline itself stalls now and then.
    const idle = await probeHealth(service.url, 10_000);
    console.log(`idle, no import: longest /healthz answer ${idle.longest.toFixed(0)} ms (${idle.probes} probes in 10 s)`);
    await measure(service.url, pid, 'failing file', failingFile, rows);
    await measure(service.url, pid, 'valid file', validFile, rows);
  } finally {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await once(service.child, 'exit');
    }
    await scratch.drop();
  }
}

await main();
