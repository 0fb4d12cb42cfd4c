/**
 * Console benchmark: creates a fresh database on the PostgreSQL server at DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), migrates it, generates with SQL 20,000 debtors and accounts,
 * 100,000 conversations in every inbox tab and 1,000,000 messages in Spanish and English, then times what the
 * console's pages run: the inbox's first page (tab counts + the list, as GET /console/inbox does) for each tab, and
 * full-text searches of several selectivities. Prints p50/p95/max per query and drops the database.
 * Usage: npm run bench:console [-- --messages 1000000 --runs 40]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createDatabase } from '../src/adapters/db/createDatabase';
import { createScratchDatabase } from '../src/adapters/db/createScratchDatabase';
import { migrateToLatest } from '../src/adapters/db/migrateToLatest';
import { inboxQuerySchema } from '../src/console/inbox/inboxFilters';
import { countInboxTabs, listInbox } from '../src/console/inbox/listInbox';
import { searchMessages } from '../src/console/inbox/searchMessages';

const PHRASES = [
  'hola buenos días', 'quiero hablar con una persona', 'cuánto debo en total', 'puedo pagar el viernes', 'no tengo dinero este mes',
  'quiero un plan de pagos', 'ya pagué la cuota', 'muchas gracias', 'mi documento termina en', 'no soy esa persona', 'me pueden llamar mañana',
  'hi there', 'how much do I owe', 'I can pay next friday', 'I want a payment plan', 'talk to a person please', 'I already paid', 'thanks a lot',
  'Tu saldo pendiente con Banco Andino es de', 'Para proteger tu información confírmame los últimos 4 dígitos', '¿Qué quieres hacer? Puedo darte tu saldo',
  'Your balance with Lakeside Credit Union is', 'Here is your payment link', 'A supervisor approved your request', 'hubo un error en el cobro, no reconozco esa deuda',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { messages: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '40' } } });
  const messages = Number(values.messages);
  const runs = Number(values.runs);
  const conversations = Math.max(10, Math.round(messages / 10));
  const debtors = Math.max(10, Math.round(conversations / 5));
  const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'pacto_bench_console_');
  const database = await createDatabase({ databaseUrl: scratch.url, dataDir: '', logger: pino({ level: 'warn' }), poolMax: 4 });
  try {
    await migrateToLatest(database.db);
    const db = database.db;
    let started = performance.now();
    await sql`INSERT INTO debtors (external_id, first_name, last_name, locale, timezone, country, profile)
      SELECT 'B-' || i, 'Nombre' || i, 'Apellido', 'es-CO', 'America/Bogota', (ARRAY['CO','MX','PE','CL','ES','US'])[1 + i % 6], '{}' FROM generate_series(1, ${debtors}) i`.execute(db);
    await sql`INSERT INTO accounts (debtor_id, external_id, creditor, product, currency, balance_minor, due_date, segment)
      SELECT id, 'A-' || external_id, (ARRAY['Banco Andino','Lakeside Credit Union','Financiera Sol'])[1 + abs(hashtext(external_id)) % 3], 'card', 'COP', 100000, '2026-08-01', NULL FROM debtors`.execute(db);
    // Tabs: 3% waiting, 2% with a person, 55% with the bot, 40% ended; one open conversation per address.
    await sql`INSERT INTO conversations (debtor_id, channel, address, flow_id, flow_version, state, status, handoff, created_at, updated_at)
      SELECT d.id, (ARRAY['whatsapp','sms'])[1 + i % 2], '+57' || (3000000000 + i), 'collections-es', 'v' || (1 + i % 3), 'menu',
        CASE WHEN i % 100 < 60 THEN 'active' ELSE 'ended' END, i % 100 < 5, now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
      FROM generate_series(1, ${conversations}) i JOIN debtors d ON d.external_id = 'B-' || (1 + i % ${debtors})`.execute(db);
    const [user] = (await sql<{ id: string }>`INSERT INTO console_users (email, name, role, password_hash) VALUES ('bench@example.com', 'Bench', 'supervisor', 'x') RETURNING id`.execute(db)).rows;
    await sql`UPDATE conversations SET taken_by = ${user?.id ?? null}, taken_at = updated_at WHERE handoff AND abs(hashtext(address)) % 5 < 2`.execute(db);
    console.log(`${debtors} debtors, ${conversations} conversations in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    // Messages are bulk-loaded with the full-text index dropped, then it is built again (as a bulk import would).
    await sql`DROP INDEX messages_body_fts_idx`.execute(db);
    await sql`INSERT INTO messages (conversation_id, direction, body, status, created_at)
      SELECT c.id, CASE WHEN m % 2 = 0 THEN 'in' ELSE 'out' END, (${PHRASES}::text[])[1 + (m * 7 + c.n) % ${PHRASES.length}] || ' ' || (m * 31 + c.n) % 5000,
        'sent', c.updated_at - ((10 - m) || ' minutes')::interval
      FROM (SELECT id, updated_at, row_number() OVER () AS n FROM conversations) c, generate_series(1, ${Math.round(messages / conversations)}) m`.execute(db);
    console.log(`${messages} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    await sql`CREATE INDEX messages_body_fts_idx ON messages USING gin ((to_tsvector('spanish', body) || to_tsvector('english', body)))`.execute(db);
    await sql`ANALYZE`.execute(db);
    console.log(`full-text index built and analysed in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const cases: Array<[string, () => Promise<unknown>]> = [
      ...(['waiting', 'person', 'bot', 'ended'] as const).map((tab): [string, () => Promise<unknown>] => {
        const query = inboxQuerySchema.parse({ tab });
        return [`inbox first page, tab ${tab} (counts + list)`, () => Promise.all([countInboxTabs(db, query), listInbox(db, query)])];
      }),
      ['inbox first page, tab bot, country=MX channel=whatsapp', () => { const q = inboxQuerySchema.parse({ tab: 'bot', country: 'MX', channel: 'whatsapp' }); return Promise.all([countInboxTabs(db, q), listInbox(db, q)]); }],
      ...['persona', 'plan de pagos', 'viernes', 'payment plan', 'no reconozco esa deuda', 'zanahoria'].map((q): [string, () => Promise<unknown>] => [`search “${q}”`, () => searchMessages(db, { ...inboxQuerySchema.parse({ q }), q })]),
    ];
    console.log(`\n${'query'.padEnd(52)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}  rows`);
    for (const [name, run] of cases) {
      await run();
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs; i += 1) {
        const t = performance.now();
        const result = await run();
        times.push(performance.now() - t);
        rows = Array.isArray(result) ? ((result[1] as { rows?: unknown[] })?.rows?.length ?? 0) : ((result as { rows: unknown[] }).rows.length);
      }
      times.sort((a, b) => a - b);
      console.log(`${name.padEnd(52)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)} ${(times.at(-1) ?? NaN).toFixed(1).padStart(8)}  ${rows}`);
    }
  } finally {
    await database.close();
    await scratch.drop();
  }
}

await main();
