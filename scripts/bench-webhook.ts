/**
 * npm run bench:webhook — inbound webhook throughput and latency against real PostgreSQL.
 *
 * Creates a fresh database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, used only to
 * CREATE/DROP pacto_bench_<random>), starts the real service as a child process (`node --import tsx src/main.ts`),
 * seeds N debtors (upsertDebtor, demo facts) with WhatsApp numbers, and drives correctly signed Twilio webhooks (a
 * unique MessageSid each) with autocannon. Load is realistic: request n goes to debtor n mod N, who says the next line
 * of a script (greeting, the document digits of their demo facts, balance question, a promise, its confirmation,
 * thanks; then it starts over in a new conversation), so every message is answered. Prints throughput and p50/p99 latency to acknowledgement, p50/p99 time from acknowledgement
 * to the reply being in the outbox (from DB timestamps), and the same load against a bare Express endpoint
 * that only parses the form and checks the signature. Outbound sending is not configured, so the figures
 * measure receive → process → enqueue, not provider calls.
 * A last, paced run (--paced-rate, default 100/s, 10 s) sends each message from a fresh debtor so the
 * ack → outbox time is measured without a backlog.
 * Also: end-to-end throughput (inbound rows processed per second from the first receipt to the last processing,
 * while the load runs and until the backlog drains) and the DB round trips per message of an in-process drain.
 * Options: --duration=SECONDS (default 15), --connections=N (default 32), --debtors=N (default 3000),
 * --concurrency=N (inbox worker, default 8), --paced-rate=N (default 100).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import express from 'express';
import { sql } from 'kysely';
import type { Kysely, KyselyPlugin } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import twilio from 'twilio';
import { createDatabase } from '../src/adapters/db/createDatabase';
import { createDbFactsProvider } from '../src/adapters/db/createDbFactsProvider';
import type { DB } from '../src/adapters/db/schema';
import { createFlowRepository } from '../src/adapters/flows/createFlowRepository';
import { createFlowRegistry } from '../src/createFlowRegistry';
import { createInboxWorker } from '../src/pipeline/createInboxWorker';
import { createRulesInterpreter } from '../src/pipeline/createRulesInterpreter';
import { enqueueInbound } from '../src/pipeline/enqueueInbound';
import type { PipelineDeps } from '../src/pipeline/pipelineDeps';
import { upsertDebtor } from '../src/adapters/db/repositories/upsertDebtor';
import { createTestFacts } from '../src/demo/createTestFacts';
import { createApp } from '../src/http/createApp';
import { verifyTwilioSignature } from '../src/http/verifyTwilioSignature';
import { createMetrics } from '../src/observability/createMetrics';
import { createSystemClock } from '../src/ports/clock';

const publicBaseUrl = 'https://bench.pacto.test';
const accountSid = `AC${randomBytes(16).toString('hex')}`;
const authToken = randomBytes(16).toString('hex');
const whatsappTo = 'whatsapp:+14155238886';
const option = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** What virtual debtor number `i` says at step `k` of the script (the document digits come from its demo facts). */
const SCRIPT = (digits: string) => ['hola', digits, 'cuál es mi saldo', 'puedo pagar el viernes', 'sí', 'gracias'];

interface BenchDebtor {
  phone: string;
  digits: string;
}

/** Runs signed webhook load against `baseUrl`: request n is debtor n mod N saying the next line of its script. */
async function drive(baseUrl: string, debtors: BenchDebtor[], seconds: number, connections: number, overallRate?: number): Promise<LoadResult> {
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
          const debtor = debtors[n % debtors.length];
          if (!debtor) throw new Error('no debtors');
          const lines = SCRIPT(debtor.digits);
          const body = lines[Math.floor(n / debtors.length) % lines.length] ?? 'hola';
          const params = { MessageSid: `SM${randomBytes(16).toString('hex')}`, AccountSid: accountSid, From: `whatsapp:${debtor.phone}`, To: whatsappTo, Body: body, NumMedia: '0' };
          const signature = twilio.getExpectedTwilioSignature(authToken, `${publicBaseUrl}/webhooks/twilio`, params);
          return { ...req, body: new URLSearchParams(params).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature } };
        },
      },
    ],
  });
  return { requests: result.requests.total, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/** Spawns `args` with tsx and resolves with the URL it prints ("listening on http://…"). */
function spawnServer(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
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

/** The webhook path of the real app (createApp + enqueueInbound on PostgreSQL) with no inbox worker in the process. */
async function runAckOnlyServer(): Promise<void> {
  const logger = pino({ level: 'warn' });
  const database = await createDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir: 'memory://', logger, poolMax: 12 });
  const twilioSettings = { authToken: process.env.BENCH_AUTH_TOKEN ?? '', publicBaseUrl };
  const app = createApp({ db: database.db, logger, metrics: createMetrics(), clock: createSystemClock(), apiTokens: [], twilio: twilioSettings, simulator: false });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (typeof address === 'object' && address) console.log(`listening on http://127.0.0.1:${address.port}`);
  });
  process.once('SIGTERM', () => server.close(() => void database.close().then(() => process.exit(0))));
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function seedDebtors(url: string, count: number, prefix: string): Promise<BenchDebtor[]> {
  const database = await createDatabase({ databaseUrl: url, dataDir: 'memory://', logger: pino({ level: 'silent' }), poolMax: 2 });
  // Spanish-speaking demo debtors that can verify (co_andres is locked out by design).
  const fixtures = Object.entries(createTestFacts())
    .filter(([key, f]) => f.debtor.locale.startsWith('es') && key !== 'co_andres')
    .map(([, f]) => f);
  const phones: BenchDebtor[] = [];
  try {
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i += 1) {
        const facts = fixtures[i % fixtures.length];
        if (!facts) throw new Error('no demo facts');
        const phone = `+1${prefix}${String(1_000_000 + i).padStart(7, '0')}`;
        const { debtor } = facts;
        phones.push({ phone, digits: debtor.documentLast4 });
        await upsertDebtor(trx, { externalId: `bench-${prefix}-${i}`, firstName: debtor.firstName, locale: debtor.locale, timezone: debtor.timeZone, country: debtor.country, profile: facts, contactPoints: [{ channel: 'whatsapp', address: phone }] });
      }
    });
  } finally {
    await database.close();
  }
  return phones;
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
      await new Promise((r) => setTimeout(r, 200));
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

async function main(): Promise<void> {
  const seconds = option('duration', 15);
  const connections = option('connections', 32);
  const pacedRate = option('paced-rate', 100);
  const concurrency = option('concurrency', 8);
  const pacedSeconds = 10;
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `pacto_bench_${randomBytes(5).toString('hex')}`;
  const dbUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const children: ChildProcess[] = [];
  try {
    const env = { DATABASE_URL: dbUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', SEED_DEMO: 'false', PUBLIC_BASE_URL: publicBaseUrl, TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, WORKER_CONCURRENCY: String(concurrency) };
    const service = await spawnServer(['src/main.ts'], env);
    children.push(service.child);
    const debtors = await seedDebtors(dbUrl, option('debtors', 3000), '555');
    const warmDebtors = await seedDebtors(dbUrl, 200, '557');
    const freshDebtors = await seedDebtors(dbUrl, Math.ceil((pacedRate * pacedSeconds) / 3), '556');
    console.log(`service at ${service.url} on ${name}; ${debtors.length} debtors; ${connections} connections, ${seconds} s per run; worker concurrency ${concurrency}`);
    await drive(service.url, warmDebtors, 2, connections); // warm-up: JIT, pool, flow caches
    await measurePipeline(dbUrl, new Date(0));
    const fullStart = new Date();
    const full = await drive(service.url, debtors, seconds, connections);
    const pipeline = await measurePipeline(dbUrl, fullStart);
    // Paced at a rate the workers keep up with: ack → reply without a backlog.
    const pacedStart = new Date();
    const paced = await drive(service.url, freshDebtors, pacedSeconds, 8, pacedRate);
    const pacedPipeline = await measurePipeline(dbUrl, pacedStart);
    await stopChild(service.child);

    const ackOnly = await spawnServer(['scripts/bench-webhook.ts', '--ack-server'], { BENCH_AUTH_TOKEN: authToken, BENCH_DATABASE_URL: dbUrl });
    children.push(ackOnly.child);
    await drive(ackOnly.url, debtors, 2, connections);
    const webOnly = await drive(ackOnly.url, debtors, seconds, connections);
    await stopChild(ackOnly.child);

    const bare = await spawnServer(['scripts/bench-webhook.ts', '--bare-server'], { BENCH_AUTH_TOKEN: authToken });
    children.push(bare.child);
    await drive(bare.url, debtors, 2, connections);
    const baseline = await drive(bare.url, debtors, seconds, connections);
    printReport({ full, webOnly, bare: baseline }, pipeline);
    console.log(`paced ${pacedRate} req/s for ${pacedSeconds} s: ack p50 ${paced.p50.toFixed(1)} ms, p99 ${paced.p99.toFixed(1)} ms; ack → reply in outbox p50 ${pacedPipeline.p50.toFixed(0)} ms, p99 ${pacedPipeline.p99.toFixed(0)} ms (${pacedPipeline.replied}/${pacedPipeline.inbound} inbound answered)`);
    const counted = await countQueriesPerMessage(dbUrl, concurrency);
    console.log(`in-process drain of ${counted.messages} scripted messages: ${counted.perMessage.toFixed(1)} DB round trips per message, ${counted.rate.toFixed(0)} messages/s (worker alone, no HTTP)`);
  } finally {
    await Promise.all(children.map(stopChild));
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

function printReport(runs: { full: LoadResult; webOnly: LoadResult; bare: LoadResult }, pipeline: PipelineFigures): void {
  const { full, webOnly, bare } = runs;
  const row = (label: string, r: LoadResult) =>
    `${label.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} req/s   ack p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   (${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`;
  console.log('');
  console.log(row('pacto service (HTTP + workers)', full));
  console.log(row('pacto HTTP only (no worker)', webOnly));
  console.log(row('bare express (parse + signature)', bare));
  console.log(`throughput ratio to bare: service ${(full.rps / bare.rps).toFixed(2)}, HTTP only ${(webOnly.rps / bare.rps).toFixed(2)}`);
  console.log(`end to end: ${pipeline.inbound} inbound processed at ${pipeline.endToEndRate.toFixed(0)}/s (first receipt → last processed; backlog drained ${(pipeline.drainedAfterMs / 1000).toFixed(1)} s after the load ended)`);
  console.log(`ack → reply in outbox under that load: p50 ${pipeline.p50.toFixed(0)} ms, p99 ${pipeline.p99.toFixed(0)} ms (${pipeline.replied}/${pipeline.inbound} inbound answered; queueing included)`);
}

/**
 * Seeds 500 fresh debtors, enqueues their whole script and drains it with an in-process worker while
 * counting the queries its pool sends (a wrapper on pg.Client#query, in this bench process only).
 */
async function countQueriesPerMessage(url: string, concurrency: number): Promise<{ messages: number; perMessage: number; rate: number }> {
  const database = await createDatabase({ databaseUrl: url, dataDir: 'memory://', logger: pino({ level: 'silent' }), poolMax: concurrency + 2 });
  const sample = await seedDebtors(url, 500, '558');
  try {
    for (const [k] of SCRIPT('').entries()) {
      for (const d of sample) await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `count-${d.phone}-${k}`, from: d.phone, body: SCRIPT(d.digits)[k] ?? '', receivedAt: new Date() });
    }
    const counter = { queries: 0 };
    // Kysely sees every statement the worker sends (raw SQL included): count them in transformQuery.
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        counter.queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const worker = createInboxWorker({ ...(await createBenchPipeline(database.db.withPlugin(counting))), concurrency });
    const started = Date.now();
    const messages = await worker.drainOnce();
    return { messages, perMessage: counter.queries / Math.max(messages, 1), rate: messages / ((Date.now() - started) / 1000) };
  } finally {
    await database.close();
  }
}

/** The pipeline main.ts builds (flows from ./flows with the demo registry, rules NLU, DB facts), over `db`. */
async function createBenchPipeline(db: Kysely<DB>): Promise<PipelineDeps> {
  const flows = createFlowRepository({ dir: 'flows', registry: createFlowRegistry() });
  const loaded = await flows.reload();
  if (!loaded.ok) throw new Error('flows failed to load');
  return { db, flows, interpret: createRulesInterpreter(), facts: createDbFactsProvider(), clock: createSystemClock(), logger: pino({ level: 'silent' }), metrics: createMetrics() };
}

if (process.argv.includes('--bare-server')) runBareServer();
else if (process.argv.includes('--ack-server')) void runAckOnlyServer();
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
