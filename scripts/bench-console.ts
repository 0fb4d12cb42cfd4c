/**
 * Console benchmark: creates a fresh database on the PostgreSQL server at DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), migrates it, generates with SQL 20,000 debtors and accounts,
 * 100,000 conversations in every inbox tab and 1,000,000 messages in Spanish and English, then times what the
 * console's pages run: the inbox's first page (tab counts + the list, as GET /console/inbox does) for each tab, and
 * full-text searches of several selectivities. Prints p50/p95/max per query. Then what full-text search costs each
 * message row written (--insert-rows, default 2000; 0 skips it): into copies of the messages table with its btree indexes,
 * prefilled with 100,000 of the generated messages, it times single-row INSERT statements run in a loop inside
 * PostgreSQL (the webhook path writes a message per statement; round trips and commits are left out) and 500-row INSERTs (the outreach sweep's batches) with the stored search column and its GIN index
 * (migration 0960), the column without the index, 0900's expression index, and no full-text search; three rounds in
 * turn, the median round per variant. Drops the database.
 * Usage: npm run bench:console [-- --messages 1000000 --runs 40 --insert-rows 2000]
 */
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { DB } from '../src/adapters/db/schema';
import { pino } from 'pino';
import { createDatabase } from '../src/adapters/db/createDatabase';
import { createScratchDatabase } from '../src/adapters/db/createScratchDatabase';
import { migrateToLatest } from '../src/adapters/db/migrateToLatest';
import { readCommandLine } from '../src/cli/readCommandLine';
import { inboxQuerySchema } from '../src/console/inbox/inboxFilters';
import type { InboxQuery } from '../src/console/inbox/inboxFilters';
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
  const { values } = readCommandLine('usage: npm run bench:console -- [--messages 1000000] [--runs 40] [--insert-rows 2000]', {
    messages: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '40' }, 'insert-rows': { type: 'string', default: '2000' },
  });
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
    await sql`DROP INDEX messages_search_idx`.execute(db);
    await sql`INSERT INTO messages (conversation_id, direction, body, status, created_at)
      SELECT c.id, CASE WHEN m % 2 = 0 THEN 'in' ELSE 'out' END, (${PHRASES}::text[])[1 + (m * 7 + c.n) % ${PHRASES.length}] || ' ' || (m * 31 + c.n) % 5000,
        'sent', c.updated_at - ((10 - m) || ' minutes')::interval
      FROM (SELECT id, updated_at, row_number() OVER () AS n FROM conversations) c, generate_series(1, ${Math.round(messages / conversations)}) m`.execute(db);
    console.log(`${messages} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    await sql`CREATE INDEX messages_search_idx ON messages USING gin (search_vector)`.execute(db);
    await sql`ANALYZE`.execute(db);
    console.log(`full-text index built and analysed in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // Each case returns how many rows its page shows.
    const inboxPage = async (q: InboxQuery) => (await Promise.all([countInboxTabs(db, q), listInbox(db, q)]))[1].rows.length;
    const cases: Array<[string, () => Promise<number>]> = [
      ...(['waiting', 'person', 'bot', 'ended'] as const).map((tab): [string, () => Promise<number>] => [`inbox first page, tab ${tab} (counts + list)`, () => inboxPage(inboxQuerySchema.parse({ tab }))]),
      ['inbox first page, tab bot, country=MX channel=whatsapp', () => inboxPage(inboxQuerySchema.parse({ tab: 'bot', country: 'MX', channel: 'whatsapp' }))],
      ...['persona', 'plan de pagos', 'viernes', 'payment plan', 'no reconozco esa deuda', 'zanahoria'].map((q): [string, () => Promise<number>] => [
        `search “${q}”`,
        async () => (await searchMessages(db, { ...inboxQuerySchema.parse({ q }), q })).rows.length,
      ]),
    ];
    console.log(`\n${'query'.padEnd(52)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}  rows`);
    for (const [name, run] of cases) {
      await run();
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs; i += 1) {
        const t = performance.now();
        rows = await run();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(`${name.padEnd(52)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)} ${(times.at(-1) ?? NaN).toFixed(1).padStart(8)}  ${rows}`);
    }
    console.log(`load average after the queries: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const insertRows = Number(values['insert-rows']);
    if (insertRows > 0) await measureInsertCost(db, insertRows);
  } finally {
    await database.close();
    await scratch.drop();
  }
}

const searchColumn = (t: RawBuilder<unknown>) => sql`ALTER TABLE ${t} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('spanish', body) || to_tsvector('english', body)) STORED`;
const SEARCH_VARIANTS = {
  'stored column + GIN (0960)': (t: RawBuilder<unknown>) => [searchColumn(t), sql`CREATE INDEX ON ${t} USING gin (search_vector)`],
  'stored column, no index': (t: RawBuilder<unknown>) => [searchColumn(t)],
  'expression GIN index (0900)': (t: RawBuilder<unknown>) => [sql`CREATE INDEX ON ${t} USING gin ((to_tsvector('spanish', body) || to_tsvector('english', body)))`],
  'no full-text search': (): RawBuilder<unknown>[] => [],
};
type SearchVariant = keyof typeof SEARCH_VARIANTS;
const REMINDER = 'Hola, te recordamos que tu cuota con Banco Andino vence pronto. Responde PAGAR para recibir tu link de pago o PLAN para ver opciones';

/** Builds one probe table (messages' columns and btree indexes, 100,000 rows, the variant's full-text search) in schema `name`. */
async function buildProbe(db: Kysely<DB>, name: string, variant: SearchVariant): Promise<void> {
  await sql`CREATE SCHEMA ${sql.id(name)}`.execute(db);
  const probe = sql.id(name, 'probe');
  await sql`CREATE TABLE ${probe} (LIKE messages INCLUDING DEFAULTS)`.execute(db);
  await sql`ALTER TABLE ${probe} DROP COLUMN search_vector, ADD PRIMARY KEY (id)`.execute(db);
  await sql`INSERT INTO ${probe} (conversation_id, direction, body, status, created_at) SELECT conversation_id, direction, body, status, created_at FROM messages LIMIT 100000`.execute(db);
  for (const index of [sql`(conversation_id, position)`, sql`(created_at DESC, id DESC)`]) await sql`CREATE INDEX ON ${probe} ${index}`.execute(db);
  for (const statement of SEARCH_VARIANTS[variant](probe)) await statement.execute(db);
  await sql`VACUUM ANALYZE ${probe}`.execute(db);
}

/**
 * Times `rows` single-row INSERT statements (a loop inside PostgreSQL, so that neither round trips nor commits are
 * counted: on a loaded machine they swamp the difference) and as many rows in 500-row INSERTs into one probe; µs per
 * row of each.
 */
async function timeInserts(db: Kysely<DB>, name: string, rows: number): Promise<{ single: number; batch: number }> {
  const probe = sql.id(name, 'probe');
  let t = performance.now();
  await sql`DO $$ DECLARE c uuid; BEGIN
      SELECT id INTO c FROM conversations LIMIT 1;
      FOR i IN 1..${sql.lit(rows)} LOOP
        INSERT INTO ${probe} (conversation_id, direction, body, status) VALUES (c, 'out', ${sql.lit(REMINDER)} || ' ' || i, 'pending');
      END LOOP;
    END $$`.execute(db);
  const single = ((performance.now() - t) * 1000) / rows;
  const batches = Math.max(1, Math.round(rows / 500));
  t = performance.now();
  for (let b = 0; b < batches; b += 1) {
    await sql`INSERT INTO ${probe} (conversation_id, direction, body, status) SELECT c.id, 'out', ${REMINDER} || ' ' || g, 'pending' FROM (SELECT id FROM conversations LIMIT 1) c, generate_series(1, 500) g`.execute(db);
  }
  return { single, batch: ((performance.now() - t) * 1000) / (batches * 500) };
}

/**
 * What full-text search costs per message row written: the same inserts into a probe table per variant (see the
 * header), three rounds in turn so that a change in the machine's load falls on every variant; prints the median
 * round's µs per row of each and the difference to no full-text search.
 */
async function measureInsertCost(db: Kysely<DB>, rows: number): Promise<void> {
  const variants = Object.keys(SEARCH_VARIANTS).filter((v): v is SearchVariant => Object.hasOwn(SEARCH_VARIANTS, v));
  const schemas = variants.map((_, i) => `bench_probe_${i}`);
  for (const [i, variant] of variants.entries()) await buildProbe(db, schemas[i] ?? '', variant);
  const results = variants.map(() => ({ single: [] as number[], batch: [] as number[] }));
  for (let round = 0; round < 3; round += 1) {
    for (const [i] of variants.entries()) {
      const r = await timeInserts(db, schemas[i] ?? '', rows);
      results[i]?.single.push(r.single);
      results[i]?.batch.push(r.batch);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] ?? NaN;
  const base = results.at(-1);
  const baseSingle = median(base?.single ?? []);
  const baseBatch = median(base?.batch ?? []);
  console.log(`\nper message row written (${rows} single-row INSERTs, ${rows} rows in 500-row INSERTs; median of 3 rounds; load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  console.log(`${'variant'.padEnd(30)} ${'single µs'.padStart(10)} ${'Δ µs'.padStart(8)} ${'batched µs'.padStart(11)} ${'Δ µs'.padStart(8)}`);
  for (const [i, variant] of variants.entries()) {
    const single = median(results[i]?.single ?? []);
    const batch = median(results[i]?.batch ?? []);
    console.log(`${variant.padEnd(30)} ${single.toFixed(0).padStart(10)} ${(single - baseSingle).toFixed(0).padStart(8)} ${batch.toFixed(1).padStart(11)} ${(batch - baseBatch).toFixed(1).padStart(8)}`);
  }
  for (const name of schemas) await sql`DROP SCHEMA ${sql.id(name)} CASCADE`.execute(db);
}

await main();
