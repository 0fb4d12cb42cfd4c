/**
 * npm run bench:faults — replies under crashes and provider faults, against the real service processes.
 *
 * Creates a throwaway PostgreSQL cluster (initdb, a free port, as the postgres user when run as root), starts one web
 * process (PROCESS_ROLE=web) and two workers (PROCESS_ROLE=worker) of `node --import tsx src/main.ts`, each with its
 * Twilio client pointed at a fake Twilio API in this process, imports debtors, and drives signed Twilio webhooks at
 * --rate (default 500/s) for at least --duration seconds (default 70) with autocannon. Each debtor says its script in turn
 * (greeting, document digits, balance, a promise, its confirmation, thanks). Meanwhile, on a timeline relative to the
 * start of the load: kill -9 worker 1 and start it again; kill -9 the web process and start it again on its port; the
 * fake Twilio answers 429 with Retry-After, then 500, then hangs (accepting the messages, answering never: the client
 * times out); and the PostgreSQL server is stopped as by a crash (immediate) and started again. Each step starts a few
 * seconds after the one before it is over; the load runs until 10 s after the last one. Then it waits for the
 * backlog to drain and prints: webhooks acknowledged, replies expected (outbox rows for acknowledged messages),
 * replies delivered (their provider ids held by the fake), lost (acknowledged and not fully answered), duplicated
 * (messages the fake accepted beyond the outbox rows with that number and text) and ack → first reply (longest, p50, p99).
 * Options: --rate=N, --duration=SECONDS, --drain-timeout=SECONDS (default 1200).
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { pino } from 'pino';
import twilio from 'twilio';
import { createDatabase } from '../src/adapters/db/createDatabase';
import { importPortfolio } from '../src/collections/importPortfolio';
import { freePort, startThrowawayPostgres } from '../src/bench/startThrowawayPostgres';
import type { ThrowawayPostgres } from '../src/bench/startThrowawayPostgres';
import { tallyFaultRun } from '../src/bench/tallyFaultRun';
import type { AckedInbound, OutboxReply } from '../src/bench/tallyFaultRun';
import { buildServiceProcessEnv } from '../tests/fakes/buildServiceProcessEnv';
import { startFakeTwilioApi } from '../tests/fakes/fakeTwilioApi';
import type { FakeTwilioApi } from '../tests/fakes/fakeTwilioApi';
import { startServiceProcess } from '../tests/fakes/startServiceProcess';
import type { ServiceProcess } from '../tests/fakes/startServiceProcess';
import { testPublicBaseUrl } from '../tests/fakes/startTestService';

const option = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const whatsappFrom = 'whatsapp:+14155238886';
const adminToken = `bench-faults-admin-${randomBytes(8).toString('hex')}`;
const SCRIPT = (digits: string) => ['hola', digits, 'cuál es mi saldo', 'puedo pagar el viernes', 'sí', 'gracias'];
const log = (start: number, text: string) => console.log(`[${((Date.now() - start) / 1000).toFixed(1).padStart(5)} s] ${text}`);
const sleepUntil = (start: number, second: number) => new Promise((r) => setTimeout(r, Math.max(0, start + second * 1000 - Date.now())));

interface Debtor {
  phone: string;
  digits: string;
}

/** Imports `count` Colombian debtors with a WhatsApp number, one account each (document digits to verify). */
async function seedDebtors(url: string, count: number): Promise<Debtor[]> {
  const database = await createDatabase({ databaseUrl: url, dataDir: 'memory://', logger: pino({ level: 'silent' }), poolMax: 2 });
  const header = 'external_id,first_name,last_name,phone,email,country,locale,timezone,document_last4,birth_date,account_id,creditor,product,currency,balance,due_date,segment,consent_whatsapp,consent_sms';
  const debtors: Debtor[] = [];
  const lines = [header];
  for (let i = 0; i < count; i += 1) {
    const phone = `+57309${String(1_000_000 + i).padStart(7, '0')}`;
    const digits = String(1000 + (i % 9000));
    debtors.push({ phone, digits });
    lines.push(`faults-${i},Ana,Pérez,${phone},,CO,es-CO,America/Bogota,${digits},1988-04-12,FAULTS-${i},Banco Andino,Tarjeta de crédito,COP,${200_000 + (i % 50) * 20_000}.00,2026-10-15,,true,true`);
  }
  try {
    const imported = await importPortfolio(database.db, `${lines.join('\n')}\n`, { now: new Date(), actor: 'bench' });
    if (!imported.ok) throw new Error(`bench portfolio rejected: ${JSON.stringify(imported.issues.slice(0, 3))}`);
  } finally {
    await database.close();
  }
  return debtors;
}

/** The signed webhook of request n: debtor n mod N says the next line of its script, under a fresh MessageSid. */
function signedRequest(fake: FakeTwilioApi, debtors: Debtor[], n: number): { sid: string; body: string; signature: string } {
  const debtor = debtors[n % debtors.length];
  if (!debtor) throw new Error('no debtors');
  const text = SCRIPT(debtor.digits)[Math.floor(n / debtors.length) % 6] ?? 'hola';
  const sid = `SM${randomBytes(16).toString('hex')}`;
  const params = { MessageSid: sid, AccountSid: fake.accountSid, From: `whatsapp:${debtor.phone}`, To: whatsappFrom, Body: text, NumMedia: '0' };
  return { sid, body: new URLSearchParams(params).toString(), signature: twilio.getExpectedTwilioSignature(fake.authToken, `${testPublicBaseUrl}/webhooks/twilio`, params) };
}

/**
 * Paced signed webhooks to `url` until stop() (signed on the fly); records the acknowledgement time of every 200 by
 * MessageSid.
 */
function drive(url: string, fake: FakeTwilioApi, debtors: Debtor[], rate: number, acks: Map<string, number>) {
  let n = -1;
  return autocannon({
    url,
    connections: 64,
    duration: 3600,
    overallRate: rate,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/twilio',
        setupRequest: (req, context) => {
          n += 1;
          const next = signedRequest(fake, debtors, n);
          context.sid = next.sid;
          return { ...req, body: next.body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': next.signature } };
        },
        onResponse: (status, _body, context) => {
          if (status === 200 && typeof context.sid === 'string') acks.set(context.sid, Date.now());
        },
      },
    ],
  });
}

/** Waits until no inbox or outbox row is open (or `timeoutMs`); returns how long it took. */
async function waitForDrain(client: pg.Client, timeoutMs: number): Promise<{ ms: number; open: number }> {
  const started = Date.now();
  for (;;) {
    const { rows } = await client.query<{ open: string }>(
      `SELECT (SELECT count(*) FROM inbox WHERE status IN ('pending', 'processing')) + (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')) AS open`,
    );
    const open = Number(rows[0]?.open ?? 0);
    if (open === 0 || Date.now() - started > timeoutMs) return { ms: Date.now() - started, open };
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Reads what the service wrote for every acknowledged MessageSid, and every outbox row's address, text and status. */
async function readOutcome(client: pg.Client, acks: Map<string, number>): Promise<{ acked: AckedInbound[]; outbox: OutboxReply[] }> {
  const { rows } = await client.query<{ sid: string; inbox_status: string; outbox_id: string | null; status: string | null; provider_message_id: string | null }>(
    `SELECT i.provider_message_id AS sid, i.status AS inbox_status, o.id AS outbox_id, o.status, o.provider_message_id
     FROM inbox i LEFT JOIN outbox o ON o.inbox_id = i.id WHERE i.provider_message_id = ANY($1)`,
    [[...acks.keys()]],
  );
  const bySid = new Map<string, AckedInbound>();
  for (const [sid, ackedAt] of acks) bySid.set(sid, { sid, ackedAt, inboxStatus: undefined, replies: [] });
  for (const row of rows) {
    const inbound = bySid.get(row.sid);
    if (!inbound) continue;
    inbound.inboxStatus = row.inbox_status;
    if (row.outbox_id && row.status) inbound.replies.push({ outboxId: row.outbox_id, status: row.status, providerMessageId: row.provider_message_id });
  }
  const outbox = await client.query<OutboxReply>(`SELECT to_address AS "to", body, status FROM outbox`);
  return { acked: [...bySid.values()], outbox: outbox.rows };
}

/** Prints, every 5 s, the webhooks acknowledged and the inbox and outbox rows done so far (one read of the database). */
function startProgress(url: string, t0: number, acks: Map<string, number>): { stop(): void } {
  const timer = setInterval(() => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined); // the server restarts during the run: a dropped read is skipped
    client
      .connect()
      .then(() => client.query<{ done: string; sent: string; open: string }>(
        `SELECT (SELECT count(*) FROM inbox WHERE status = 'done') AS done, (SELECT count(*) FROM outbox WHERE status IN ('sent', 'delivered')) AS sent,
                (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')) AS open`,
      ))
      .then(({ rows }) => log(t0, `acknowledged ${acks.size}, processed ${rows[0]?.done}, replies sent ${rows[0]?.sent}, replies waiting ${rows[0]?.open}`))
      .catch(() => log(t0, `acknowledged ${acks.size} (database unavailable)`))
      .finally(() => void client.end().catch(() => undefined));
  }, 5_000);
  return { stop: () => clearInterval(timer) };
}

/** A metric's samples from a process's /metrics, as "labels value" lines. */
async function scrape(process: ServiceProcess, name: string): Promise<string[]> {
  const text = await fetch(`${process.url}/metrics`).then((r) => r.text(), () => '');
  return text.split('\n').filter((line) => line.startsWith(`${name}{`));
}

async function main(): Promise<void> {
  const rate = option('rate', 500);
  const seconds = option('duration', 70);
  const cluster: ThrowawayPostgres = await startThrowawayPostgres({ settings: { fsync: 'off', full_page_writes: 'off', shared_buffers: '256MB' } });
  const fake = await startFakeTwilioApi();
  const processes = new Map<string, ServiceProcess>();
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE pacto_faults');
    await admin.end();
    const databaseUrl = cluster.url.replace(/\/postgres$/, '/pacto_faults');
    const webPort = await freePort();
    const env = (via: string, role: 'web' | 'worker'): Record<string, string> => ({
      ...buildServiceProcessEnv({ databaseUrl, fake, via, whatsappFrom, adminToken, paymentLinkSecret: randomBytes(24).toString('hex') }),
      PROCESS_ROLE: role,
      ...(role === 'web' ? { PORT: String(webPort) } : {}),
      WORKER_CONCURRENCY: '4',
      OUTBOX_RATE_PER_SECOND: '2000',
      INBOX_LEASE_SECONDS: '30',
      OUTBOX_LEASE_SECONDS: '30',
    });
    const start = async (name: string, via: string, role: 'web' | 'worker') => processes.set(name, await startServiceProcess(name, env(via, role)));
    await start('web', 'web', 'web'); // applies the migrations
    const debtors = await seedDebtors(databaseUrl, Math.ceil((rate * seconds) / 6));
    // One after the other: processes starting at the same moment race on the scheduler's table creation.
    await start('worker-1', 'w1', 'worker');
    await start('worker-2', 'w2', 'worker');
    const web = processes.get('web');
    if (!web) throw new Error('web process did not start');
    console.log(`throwaway PostgreSQL on port ${cluster.port}; ${debtors.length} debtors; web ${web.url}; 2 workers; ${rate} webhooks/s for ${seconds} s`);

    const acks = new Map<string, number>();
    const t0 = Date.now();
    const load = drive(web.url, fake, debtors, rate, acks);
    const progress = startProgress(databaseUrl, t0, acks);
    // Each step starts when the one before it is over (a process takes seconds to start on a busy machine).
    const step = async (gapSeconds: number) => new Promise((r) => setTimeout(r, gapSeconds * 1000));
    const restart = async (name: string, via: string, role: 'web' | 'worker') => {
      await processes.get(name)?.kill();
      log(t0, `kill -9 ${name}`);
      await start(name, via, role);
      log(t0, `${name} started again`);
    };
    const fault = async (seconds: number, set: Parameters<FakeTwilioApi['setFault']>[0], label: string) => {
      fake.setFault(set);
      log(t0, `fake Twilio: ${label} for ${seconds} s`);
      await step(seconds);
      fake.setFault(undefined);
      log(t0, 'fake Twilio: healthy');
    };
    await step(8);
    await restart('worker-1', 'w1', 'worker');
    await step(5);
    await restart('web', 'web', 'web');
    await step(5);
    await fault(8, { kind: 'rate_limited', retryAfterSeconds: 2 }, '429 with Retry-After: 2');
    await step(2);
    await fault(6, { kind: 'unavailable' }, '500');
    await step(2);
    await fault(8, { kind: 'hang', accept: true }, 'hangs (accepts, never answers)');
    await step(4);
    log(t0, 'PostgreSQL: immediate stop');
    await cluster.restart();
    log(t0, 'PostgreSQL: started again');
    await sleepUntil(t0, Math.max(seconds, (Date.now() - t0) / 1000 + 10));
    load.stop();
    const result = await load;
    progress.stop();
    log(t0, `load done: ${result.requests.total} requests, ${acks.size} acknowledged, ${result.non2xx} non-2xx, ${result.errors} errors (connections refused while the web process was down)`);

    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('error', (error) => console.error(`result connection: ${error.message}`));
    await client.connect();
    const drained = await waitForDrain(client, option('drain-timeout', 1200) * 1000);
    log(t0, `backlog ${drained.open === 0 ? 'drained' : `NOT drained (${drained.open} open rows)`} ${(drained.ms / 1000).toFixed(1)} s after the load`);
    const { acked, outbox } = await readOutcome(client, acks);
    await client.end();
    const provider = fake.messages.map((m) => ({ sid: m.sid, to: m.to, body: m.body, acceptedAt: m.receivedAt.getTime() }));
    const figures = tallyFaultRun(acked, provider, outbox);
    console.log(`\nfaults answered by the fake Twilio: ${JSON.stringify(fake.faultCounts)}`);
    for (const name of ['worker-1', 'worker-2']) {
      const worker = processes.get(name);
      if (!worker) continue;
      const lines = [...(await scrape(worker, 'outbox_reconciled_total')), ...(await scrape(worker, 'outbox_failed_total'))];
      console.log(`${name} (since its last start): ${lines.length > 0 ? lines.join('; ') : 'no reconciliations or final failures'}`);
    }
    console.log(`\nwebhooks acknowledged     ${figures.acknowledged}`);
    console.log(`replies expected          ${figures.repliesExpected}`);
    console.log(`replies delivered         ${figures.repliesDelivered}`);
    console.log(`lost                      ${figures.lost}  (acknowledged and not fully answered; ${figures.failedForGood} replies failed for good)`);
    console.log(`duplicated                ${figures.duplicated}  (the same reply to the same number more often than the outbox holds it)`);
    console.log(`ack → reply               longest ${(figures.ackToReply.max / 1000).toFixed(1)} s, p50 ${figures.ackToReply.p50} ms, p99 ${(figures.ackToReply.p99 / 1000).toFixed(1)} s`);
    process.exitCode = figures.lost === 0 && figures.duplicated === 0 ? 0 : 1;
  } finally {
    await Promise.all([...processes.values()].map((p) => p.stop(10_000)));
    await fake.close();
    await cluster.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
