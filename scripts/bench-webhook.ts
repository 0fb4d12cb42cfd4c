/**
 * npm run bench:webhook — inbound webhook throughput and latency against real PostgreSQL.
 *
 * Creates a fresh database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, used only to
 * CREATE/DROP pacto_bench_<random>), imports N debtors with accounts and verification factors (importPortfolio, as
 * production does), starts the real service (`node --import tsx src/main.ts`) and drives correctly signed Twilio
 * webhooks (a unique MessageSid each) with autocannon. Load is realistic: request n goes to debtor n mod N, who says
 * the next line of a script (greeting, document digits, balance question, a promise, its confirmation, thanks;
 * then it starts over in a new conversation), so every message is answered.
 * The service runs as one process (PROCESS_ROLE=all) and, with --split, also as one web process plus one worker
 * process (PROCESS_ROLE=web / worker). For each layout it prints: webhook req/s and ack p50/p99 under overload;
 * end-to-end throughput (inbound rows processed per second from the first receipt to the last processing, while
 * the load runs and until the backlog drains) and the drain time; ack → reply in the outbox p50/p99 under that
 * overload and under paced loads (--paced-rates, fresh debtors, so no backlog unless the workers fall behind).
 * Then the webhook path alone (no worker) and a bare Express endpoint (parse + signature), and the DB round trips
 * per message of an in-process drain with the production facts provider and domain effects.
 * Outbound sending is not configured: the figures measure receive → process → enqueue, not provider calls.
 * Options: --duration=SECONDS (default 15), --connections=N (default 32), --debtors=N (default 3000),
 * --concurrency=N (worker of the single process) and --worker-concurrency=N (split worker), both default 4 like
 * WORKER_CONCURRENCY (more transactions in flight than this machine has cores cost PostgreSQL more CPU per message),
 * --paced-rates=A,B (default 500,1000), --layouts=single,split (default both), --baselines=false to skip them,
 * --drain=false to skip the in-process drain, --without-search to drop the console's full-text search column and index
 * (migration 0960) before the load, to see what they cost the message path. Each layout also prints the CPU time per message of every process
 * (service or web and worker, this load generator, all PostgreSQL processes), read from /proc.
 * Environment: BENCH_NODE_ARGS adds node flags to the service processes (to try V8 flags, say); BENCH_CPU_PROF_DIR
 * writes their CPU profiles there.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import { sql } from 'kysely';
import type { Kysely, KyselyPlugin } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import twilio from 'twilio';
import { createDatabase } from '../src/adapters/db/createDatabase';
import { createScratchDatabase } from '../src/adapters/db/createScratchDatabase';
import type { DB } from '../src/adapters/db/schema';
import { createFlowRepository } from '../src/adapters/flows/createFlowRepository';
import { loadPolicies } from '../src/adapters/policies/loadPolicies';
import { applyCollectionsEffect } from '../src/collections/applyCollectionsEffect';
import { createCollectionsFactsProvider } from '../src/collections/createCollectionsFactsProvider';
import { importPortfolio } from '../src/collections/importPortfolio';
import { createFlowRegistry } from '../src/createFlowRegistry';
import { createInboundBatcher } from '../src/pipeline/receive/createInboundBatcher';
import { createInboxWorker } from '../src/pipeline/process/createInboxWorker';
import { createRulesInterpreter } from '../src/pipeline/process/createRulesInterpreter';
import { enqueueInbound } from '../src/pipeline/receive/enqueueInbound';
import type { PipelineDeps } from '../src/pipeline/pipelineDeps';
import { createApp } from '../src/http/createApp';
import { verifyTwilioSignature } from '../src/http/verifyTwilioSignature';
import { createMetrics } from '../src/observability/createMetrics';
import { createSystemClock } from '../src/ports/clock';
import { cpuPerUnit, readCpuTimes } from '../src/bench/readCpuTimes';
import { startFakeTwilioApi } from '../tests/fakes/fakeTwilioApi';

const publicBaseUrl = 'https://bench.pacto.test';
const accountSid = `AC${randomBytes(16).toString('hex')}`;
const authToken = randomBytes(16).toString('hex');
const whatsappTo = 'whatsapp:+14155238886';
const option = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const listOption = (name: string, fallback: string): string[] => (process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback).split(',').filter(Boolean);

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** What a virtual debtor says at step `k` of the script (the document digits are their imported document_last4). */
const SCRIPT = (digits: string) => ['hola', digits, 'cuál es mi saldo', 'puedo pagar el viernes', 'sí', 'gracias'];

interface BenchDebtor {
  phone: string;
  digits: string;
}

/** Signed webhook n: debtor n mod N says the next line of its script, under a fresh MessageSid. */
function signedRequest(debtors: BenchDebtor[], n: number): { body: string; signature: string } {
  const debtor = debtors[n % debtors.length];
  if (!debtor) throw new Error('no debtors');
  const lines = SCRIPT(debtor.digits);
  const text = lines[Math.floor(n / debtors.length) % lines.length] ?? 'hola';
  const params = { MessageSid: `SM${randomBytes(16).toString('hex')}`, AccountSid: accountSid, From: `whatsapp:${debtor.phone}`, To: whatsappTo, Body: text, NumMedia: '0' };
  return { body: new URLSearchParams(params).toString(), signature: twilio.getExpectedTwilioSignature(authToken, `${publicBaseUrl}/webhooks/twilio`, params) };
}

/**
 * Runs signed webhook load against `baseUrl`: request n is debtor n mod N saying the next line of its script. The
 * requests are signed before the clock starts (as many as the run can send, then on the fly), so the load
 * generator spends its share of the two cores sending, not computing signatures.
 */
async function drive(baseUrl: string, debtors: BenchDebtor[], seconds: number, connections: number, overallRate?: number): Promise<LoadResult> {
  const ready = Array.from({ length: Math.ceil(seconds * (overallRate ?? 1_500) * 1.05) }, (_, n) => signedRequest(debtors, n));
  let n = -1;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/webhooks/twilio',
        setupRequest: (req) => {
          n += 1;
          const { body, signature } = ready[n] ?? signedRequest(debtors, n);
          return { ...req, body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature } };
        },
      },
    ],
  });
  return { requests: result.requests.total, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/** Spawns `args` with tsx and resolves with the URL it prints ("listening on http://…"). */
function spawnServer(args: string[], env: Record<string, string>, nodeArgs: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+?)(?:\s|$)/i.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The baseline: form parsing + official signature check + 200 TwiML, nothing else. */
function runBareServer(): void {
  const app = express();
  app.post('/webhooks/twilio', express.urlencoded({ extended: false, limit: 64 * 1024 }), verifyTwilioSignature({ authToken: process.env.BENCH_AUTH_TOKEN ?? '', publicBaseUrl }), (_req, res) => {
    res.type('text/xml').send('<Response></Response>');
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (typeof address === 'object' && address) console.log(`listening on http://127.0.0.1:${address.port}`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

/** The webhook path of the real app (createApp + the inbound batcher on PostgreSQL) with no inbox worker in the process. */
async function runAckOnlyServer(): Promise<void> {
  const logger = pino({ level: 'warn' });
  const database = await createDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir: 'memory://', logger, poolMax: 12 });
  const twilioSettings = { authToken: process.env.BENCH_AUTH_TOKEN ?? '', publicBaseUrl, senders: { whatsapp: whatsappTo } };
  const app = createApp({ db: database.db, logger, metrics: createMetrics(), clock: createSystemClock(), apiTokens: [], twilio: twilioSettings, simulator: false, enqueue: createInboundBatcher(database.db).enqueue });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (typeof address === 'object' && address) console.log(`listening on http://127.0.0.1:${address.port}`);
  });
  process.once('SIGTERM', () => server.close(() => void database.close().then(() => process.exit(0))));
}

const CSV_HEADER = 'external_id,first_name,last_name,phone,email,country,locale,timezone,document_last4,birth_date,account_id,creditor,product,currency,balance,due_date,segment,consent_whatsapp,consent_sms';

/**
 * Imports `count` Colombian debtors (one account each, document and birth date as verification factors) with
 * WhatsApp numbers +57 30<block> <7 digits>; each block of numbers is a separate population.
 */
async function seedDebtors(url: string, count: number, block: number): Promise<BenchDebtor[]> {
  const database = await createDatabase({ databaseUrl: url, dataDir: 'memory://', logger: pino({ level: 'silent' }), poolMax: 2 });
  const debtors: BenchDebtor[] = [];
  const lines = [CSV_HEADER];
  for (let i = 0; i < count; i += 1) {
    const phone = `+5730${block}${String(1_000_000 + i).padStart(7, '0')}`;
    const digits = String(1000 + (i % 9000));
    const balance = 200_000 + (i % 50) * 20_000;
    debtors.push({ phone, digits });
    lines.push(`bench-${block}-${i},Ana,Pérez,${phone},,CO,es-CO,America/Bogota,${digits},1988-04-12,BENCH-${block}-${i},Banco Andino,Tarjeta de crédito,COP,${balance}.00,2026-10-15,,true,true`);
  }
  try {
    const imported = await importPortfolio(database.db, `${lines.join('\n')}\n`, { now: new Date(), actor: 'bench' });
    if (!imported.ok) throw new Error(`bench portfolio rejected: ${JSON.stringify(imported.issues.slice(0, 3))}`);
  } finally {
    await database.close();
  }
  return debtors;
}

interface PipelineFigures {
  drainedAfterMs: number;
  inbound: number;
  replied: number;
  /** Inbound rows processed per second, from the first receipt to the last processing. */
  endToEndRate: number;
  p50: number;
  p99: number;
}

/** Waits for the inbox to drain, then reads end-to-end throughput and ack → first reply in the outbox (DB timestamps). */
async function measurePipeline(url: string, since: Date): Promise<PipelineFigures> {
  const database = await createDatabase({ databaseUrl: url, dataDir: 'memory://', logger: pino({ level: 'silent' }), poolMax: 1 });
  try {
    const started = Date.now();
    for (;;) {
      const open = await database.db.selectFrom('inbox').select('id').where('status', 'in', ['pending', 'processing']).limit(1).execute();
      if (open.length === 0 || Date.now() - started > 300_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const drainedAfterMs = Date.now() - started;
    const { rows } = await sql<{ replied: string; p50: number | null; p99: number | null }>`
      select count(*) as replied,
             percentile_cont(0.5) within group (order by lat) as p50,
             percentile_cont(0.99) within group (order by lat) as p99
      from (select extract(epoch from (min(o.created_at) - i.received_at)) as lat
            from inbox i join outbox o on o.inbox_id = i.id where i.received_at >= ${since}
            group by i.id, i.received_at) t`.execute(database.db);
    const span = await sql<{ n: string; first: Date | null; last: Date | null }>`
      select count(*) as n, min(received_at) as first, max(processed_at) as last from inbox where received_at >= ${since} and status = 'done'`.execute(database.db);
    const s = span.rows[0];
    const inbound = Number(s?.n ?? 0);
    const seconds = s?.first && s.last ? (s.last.getTime() - s.first.getTime()) / 1000 : 0;
    const row = rows[0];
    return { drainedAfterMs, inbound, replied: Number(row?.replied ?? 0), endToEndRate: seconds > 0 ? inbound / seconds : 0, p50: (row?.p50 ?? 0) * 1000, p99: (row?.p99 ?? 0) * 1000 };
  } finally {
    await database.close();
  }
}

interface LayoutFigures {
  label: string;
  full: LoadResult;
  pipeline: PipelineFigures;
  paced: Array<{ rate: number; load: LoadResult; pipeline: PipelineFigures }>;
  /** CPU ms per inbound message during the overload and its drain, by process. */
  cpu: Array<{ label: string; ms: number }>;
}

interface BenchSetup {
  dbUrl: string;
  env: Record<string, string>;
  debtors: BenchDebtor[];
  seconds: number;
  connections: number;
}

/** Starts the service in a layout (one process, or web + worker), overloads it, then paces fresh debtors at each rate. */
async function runLayout(setup: BenchSetup, layout: 'single' | 'split', block: number, children: ChildProcess[]): Promise<LayoutFigures> {
  const { dbUrl, env, debtors, seconds, connections } = setup;
  const nodeArgs = [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...(process.env.BENCH_CPU_PROF_DIR ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [])];
  const started: ChildProcess[] = [];
  let url: string;
  if (layout === 'single') {
    const service = await spawnServer(['src/main.ts'], { ...env, PROCESS_ROLE: 'all', WORKER_CONCURRENCY: String(option('concurrency', 4)) }, nodeArgs);
    started.push(service.child);
    url = service.url;
  } else {
    const worker = await spawnServer(['src/main.ts'], { ...env, PROCESS_ROLE: 'worker', WORKER_CONCURRENCY: String(option('worker-concurrency', 4)) }, nodeArgs);
    started.push(worker.child);
    const web = await spawnServer(['src/main.ts'], { ...env, PROCESS_ROLE: 'web' }, nodeArgs);
    started.push(web.child);
    url = web.url;
  }
  children.push(...started);
  const label = layout === 'single' ? 'one process (PROCESS_ROLE=all)' : '1 web + 1 worker process';
  console.log(`${label}: service at ${url}`);
  const warm = await seedDebtors(dbUrl, 200, block);
  await drive(url, warm, 2, connections); // warm-up: JIT, pool, flow caches
  await measurePipeline(dbUrl, new Date(0));
  const fullStart = new Date();
  const processes = { [layout === 'single' ? 'service' : 'worker']: started[0]?.pid, web: started[1]?.pid, 'load generator (this process)': process.pid };
  const cpuBefore = readCpuTimes(processes);
  const full = await drive(url, debtors, seconds, connections);
  const pipeline = await measurePipeline(dbUrl, fullStart);
  const cpu = cpuPerUnit(cpuBefore, readCpuTimes(processes), pipeline.inbound);
  const paced: LayoutFigures['paced'] = [];
  const pacedSeconds = 10;
  for (const [k, rate] of listOption('paced-rates', '500,1000').map(Number).entries()) {
    // Just enough fresh debtors that each says its whole script once: the paced mix is the same as the overload's.
    const fresh = await seedDebtors(dbUrl, Math.ceil((rate * pacedSeconds) / SCRIPT('').length), block + 1 + k);
    const pacedStart = new Date();
    const load = await drive(url, fresh, pacedSeconds, Math.min(64, Math.max(8, Math.ceil(rate / 20))), rate);
    paced.push({ rate, load, pipeline: await measurePipeline(dbUrl, pacedStart) });
  }
  await Promise.all(started.map(stopChild));
  return { label, full, pipeline, paced, cpu };
}

async function main(): Promise<void> {
  const seconds = option('duration', 15);
  const connections = option('connections', 32);
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const scratch = await createScratchDatabase(serverUrl, 'pacto_bench_');
  const dbUrl = scratch.url;
  const children: ChildProcess[] = [];
  // The service answers only webhooks addressed to its own sender, so it has one, and replies go to a local fake Twilio.
  const fakeTwilio = await startFakeTwilioApi({ accountSid, authToken });
  try {
    const env = {
      DATABASE_URL: dbUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', SEED_DEMO: 'false', PUBLIC_BASE_URL: publicBaseUrl,
      TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, PAYMENT_LINK_SECRET: randomBytes(24).toString('hex'),
      TWILIO_WHATSAPP_FROM: whatsappTo, TWILIO_API_BASE_URL: fakeTwilio.url,
    };
    // Migrations run at the service's start: bring one up and down so the tables exist before seeding.
    await stopChild((await spawnServer(['src/main.ts'], { ...env, PROCESS_ROLE: 'all' })).child);
    if (process.argv.includes('--without-search')) await dropMessageSearch(dbUrl);
    const debtors = await seedDebtors(dbUrl, option('debtors', 3000), 0);
    console.log(`database ${scratch.name}; ${debtors.length} debtors with accounts; ${connections} connections, ${seconds} s overload per layout`);
    const layouts = listOption('layouts', 'single,split');
    const results: LayoutFigures[] = [];
    if (layouts.includes('single')) results.push(await runLayout({ dbUrl, env, debtors, seconds, connections }, 'single', 1, children));
    if (layouts.includes('split')) results.push(await runLayout({ dbUrl, env, debtors, seconds, connections }, 'split', 5, children));
    for (const r of results) printLayout(r);
    // Before the baselines: the HTTP-only baseline leaves its rows unprocessed, and the drain would count them.
    const counted = process.argv.includes('--drain=false') ? undefined : await countQueriesPerMessage(dbUrl, option('concurrency', 4));
    if (!process.argv.includes('--baselines=false')) {
      const bare = await runBaselines(dbUrl, debtors, seconds, connections, children);
      for (const r of results) {
        console.log(`  ${r.label} / bare express: ack ${ratio(r.full.rps, bare.rps)} of its req/s, end to end ${ratio(r.pipeline.endToEndRate, bare.rps)}; ack p99 ${ratio(r.full.p99, bare.p99)} of its p99`);
      }
    }
    if (counted) console.log(`in-process drain of ${counted.messages} scripted messages: ${counted.perMessage.toFixed(2)} DB round trips per message, ${counted.rate.toFixed(0)} messages/s (worker alone, no HTTP); CPU per message: ${counted.cpu.map((c) => `${c.label} ${c.ms.toFixed(2)} ms`).join(', ')}`);
  } finally {
    await Promise.all(children.map(stopChild));
    await fakeTwilio.close();
    await scratch.drop();
  }
}

/** Drops messages.search_vector and its GIN index (the console's search; migration 0960). Does I/O. */
async function dropMessageSearch(dbUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query('DROP INDEX messages_search_idx');
    await client.query('ALTER TABLE messages DROP COLUMN search_vector');
  } finally {
    await client.end();
  }
  console.log('without the console search: messages.search_vector and messages_search_idx dropped');
}

const ratio = (value: number, base: number): string => (base > 0 ? `${(value / base).toFixed(2)}×` : 'n/a');

/**
 * The webhook path alone (no worker) and a bare Express endpoint, for the ack ceiling on this machine; prints both,
 * the first as a ratio of the second, and returns the bare endpoint's figures.
 */
async function runBaselines(dbUrl: string, debtors: BenchDebtor[], seconds: number, connections: number, children: ChildProcess[]): Promise<LoadResult> {
  const row = (label: string, r: LoadResult) =>
    `${label.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} req/s   ack p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   (${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`;
  const ackOnly = await spawnServer(['scripts/bench-webhook.ts', '--ack-server'], { BENCH_AUTH_TOKEN: authToken, BENCH_DATABASE_URL: dbUrl });
  children.push(ackOnly.child);
  await drive(ackOnly.url, debtors, 2, connections);
  const ackProcesses = { web: ackOnly.child.pid, 'load generator': process.pid };
  const cpuBefore = readCpuTimes(ackProcesses);
  const webOnly = await drive(ackOnly.url, debtors, seconds, connections);
  const ackCpu = cpuPerUnit(cpuBefore, readCpuTimes(ackProcesses), webOnly.requests);
  await stopChild(ackOnly.child);
  const bare = await spawnServer(['scripts/bench-webhook.ts', '--bare-server'], { BENCH_AUTH_TOKEN: authToken });
  children.push(bare.child);
  await drive(bare.url, debtors, 2, connections);
  const baseline = await drive(bare.url, debtors, seconds, connections);
  await stopChild(bare.child);
  console.log(row('pacto HTTP only (no worker)', webOnly));
  console.log(`  CPU per request: ${ackCpu.map((c) => `${c.label} ${c.ms.toFixed(2)} ms`).join(', ')}`);
  console.log(row('bare express (parse + signature)', baseline));
  console.log(`  pacto HTTP only / bare express: ${ratio(webOnly.rps, baseline.rps)} of its req/s, ack p99 ${ratio(webOnly.p99, baseline.p99)} of its p99`);
  return baseline;
}

function printLayout(r: LayoutFigures): void {
  const { full, pipeline } = r;
  console.log('');
  console.log(`== ${r.label}`);
  console.log(`overload (${full.requests} requests): ${full.rps.toFixed(0)} req/s, ack p50 ${full.p50.toFixed(1)} ms, p99 ${full.p99.toFixed(1)} ms (${full.non2xx} non-2xx, ${full.errors} errors)`);
  console.log(`  end to end: ${pipeline.inbound} inbound processed at ${pipeline.endToEndRate.toFixed(0)}/s (first receipt → last processed); backlog drained ${(pipeline.drainedAfterMs / 1000).toFixed(1)} s after the load`);
  console.log(`  ack → reply in outbox: p50 ${pipeline.p50.toFixed(0)} ms, p99 ${pipeline.p99.toFixed(0)} ms (${pipeline.replied}/${pipeline.inbound} answered; queueing included)`);
  console.log(`  CPU per message (overload + drain): ${r.cpu.map((c) => `${c.label} ${c.ms.toFixed(2)} ms`).join(', ')}; total ${r.cpu.reduce((a, c) => a + c.ms, 0).toFixed(2)} ms`);
  for (const p of r.paced) {
    console.log(
      `paced ${p.rate}/s (achieved ${p.load.rps.toFixed(0)}/s): ack p50 ${p.load.p50.toFixed(1)} ms, p99 ${p.load.p99.toFixed(1)} ms; ack → reply p50 ${p.pipeline.p50.toFixed(0)} ms, ` +
        `p99 ${p.pipeline.p99.toFixed(0)} ms; processed ${p.pipeline.endToEndRate.toFixed(0)}/s, drained ${(p.pipeline.drainedAfterMs / 1000).toFixed(1)} s after (${p.pipeline.replied}/${p.pipeline.inbound} answered)`,
    );
  }
}

/**
 * Imports 500 fresh debtors, enqueues their whole script and drains it with an in-process worker (production
 * facts provider and domain effects) while counting the statements its pool sends.
 */
async function countQueriesPerMessage(url: string, concurrency: number): Promise<{ messages: number; perMessage: number; rate: number; cpu: Array<{ label: string; ms: number }> }> {
  const database = await createDatabase({ databaseUrl: url, dataDir: 'memory://', logger: pino({ level: 'silent' }), poolMax: concurrency + 2 });
  const sample = await seedDebtors(url, 500, 9);
  try {
    for (const [k] of SCRIPT('').entries()) {
      for (const d of sample) await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `count-${d.phone}-${k}`, from: d.phone, body: SCRIPT(d.digits)[k] ?? '', receivedAt: new Date() });
    }
    const counter = { queries: 0 };
    // Kysely sees every statement the worker sends (raw SQL included): count them in transformQuery.
    const kinds = new Map<string, { count: number; ms: number }>();
    if (process.env.BENCH_QUERY_KINDS) {
      // Diagnostic only: which statements the drain sends, by their first words.
      const original = pg.Client.prototype.query;
      Reflect.set(pg.Client.prototype, 'query', function (this: pg.Client, ...args: unknown[]) {
        const text = typeof args[0] === 'string' ? args[0].replace(/\s+/g, ' ').replace(/-?\d+/g, 'N').slice(0, 60) : 'other';
        const seen = kinds.get(text) ?? { count: 0, ms: 0 };
        seen.count += 1;
        kinds.set(text, seen);
        const t0 = performance.now();
        const result: unknown = Reflect.apply(original, this, args);
        if (result instanceof Promise) void result.finally(() => (seen.ms += performance.now() - t0)).catch(() => undefined);
        return result;
      });
    }
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        counter.queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const worker = createInboxWorker({ ...(await createBenchPipeline(database.db.withPlugin(counting))), concurrency });
    const started = Date.now();
    const cpuBefore = readCpuTimes({ worker: process.pid });
    const messages = await worker.drainOnce();
    const cpu = cpuPerUnit(cpuBefore, readCpuTimes({ worker: process.pid }), messages);
    if (process.env.BENCH_QUERY_KINDS) console.log('statements by kind (count, mean ms):', Object.fromEntries([...kinds].map(([k, v]) => [k, `${v.count} × ${(v.ms / v.count).toFixed(2)} ms`])));
    return { messages, perMessage: counter.queries / Math.max(messages, 1), rate: messages / ((Date.now() - started) / 1000), cpu };
  } finally {
    await database.close();
  }
}

/** The pipeline main.ts builds (flows and policies from ./flows, rules NLU, collections facts and effects), over `db`. */
async function createBenchPipeline(db: Kysely<DB>): Promise<PipelineDeps> {
  const flows = createFlowRepository({ dir: 'flows', registry: createFlowRegistry() });
  const loaded = await flows.reload();
  if (!loaded.ok) throw new Error('flows failed to load');
  const policies = await loadPolicies(join('flows', 'policies'));
  if (!policies.ok) throw new Error('policies failed to load');
  const clock = createSystemClock();
  const facts = createCollectionsFactsProvider({ policies: policies.policies, clock, paymentLink: { template: 'https://pay.example.com/p?a={account}&m={amount}&c={currency}&r={reference}&s={signature}', secret: 'bench-secret-0123456789' } });
  return { db, flows, interpret: createRulesInterpreter(), facts, domainEffects: applyCollectionsEffect, clock, logger: pino({ level: 'silent' }), metrics: createMetrics() };
}

if (process.argv.includes('--bare-server')) runBareServer();
else if (process.argv.includes('--ack-server')) void runAckOnlyServer();
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
