import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';

/** The six markets of the demo creditors, as the shipped cadences and compliance rules know them. */
const MARKETS = [
  { country: 'CO', locale: 'es-CO', tz: 'America/Bogota', creditor: 'Banco Andino', currency: 'COP', prefix: '+5730' },
  { country: 'MX', locale: 'es-MX', tz: 'America/Mexico_City', creditor: 'Financiera Azteca Norte', currency: 'MXN', prefix: '+5255' },
  { country: 'PE', locale: 'es-PE', tz: 'America/Lima', creditor: 'Caja Andina', currency: 'PEN', prefix: '+519' },
  { country: 'CL', locale: 'es-CL', tz: 'America/Santiago', creditor: 'Retail Austral', currency: 'CLP', prefix: '+569' },
  { country: 'ES', locale: 'es-ES', tz: 'Europe/Madrid', creditor: 'Crédito Ibérico', currency: 'EUR', prefix: '+346' },
  { country: 'US', locale: 'en-US', tz: 'America/New_York', creditor: 'Lakeside Credit Union', currency: 'USD', prefix: '+1212' },
] as const;

/** Days past due spread over the portfolio so that most accounts have a cadence step due on `today`. */
const OFFSETS = [-3, 0, 3, 7, 15, 30, 45, 1, 10, 200];

/**
 * Generates a synthetic portfolio of `debtors` debtors (one account each, WhatsApp and SMS addresses) across the six
 * markets entirely in SQL (generate_series), so a million rows never pass through this process. Every 20th account
 * has an open dispute, every 25th address opted out, every 9th has no WhatsApp consent. With `secondAccountEvery` N,
 * every Nth debtor has a second account (OA2-n, due on another day). Returns nothing; does I/O.
 */
export async function generateOutreachPortfolio(db: Kysely<DB>, debtors: number, today: string, opts: { secondAccountEvery?: number } = {}): Promise<void> {
  const markets = sql.join(MARKETS.map((m, k) => sql`(${k}::int, ${m.country}, ${m.locale}, ${m.tz}, ${m.creditor}, ${m.currency}, ${m.prefix})`));
  const offsets = sql.raw(`ARRAY[${OFFSETS.join(',')}]`);
  await sql`
    INSERT INTO debtors (external_id, first_name, last_name, locale, timezone, country)
    SELECT 'OB-' || i, 'Nombre', 'Apellido', m.locale, m.tz, m.country
    FROM generate_series(1, ${debtors}) i JOIN (VALUES ${markets}) m(k, country, locale, tz, creditor, currency, prefix) ON m.k = i % 6`.execute(db);
  await sql`
    INSERT INTO contact_points (debtor_id, channel, address, consent)
    SELECT d.id, ch.channel, m.prefix || lpad(d.n::text, 8, '0'), NOT (ch.channel = 'whatsapp' AND d.n % 9 = 0)
    FROM (SELECT id, country, substring(external_id FROM 4)::int AS n FROM debtors WHERE external_id LIKE 'OB-%') d
    JOIN (VALUES ${markets}) m(k, country, locale, tz, creditor, currency, prefix) ON m.country = d.country
    CROSS JOIN (VALUES ('whatsapp'), ('sms')) ch(channel)`.execute(db);
  // Before the accounts exist: each opt-out's wake trigger runs an UPDATE of accounts, and with a million accounts
  // (not yet analysed) the 40,000 of them had not finished after four minutes.
  await sql`
    INSERT INTO address_opt_outs (channel, address, opted_out_at, source)
    SELECT channel, address, now(), 'bench' FROM contact_points
    WHERE channel = 'whatsapp' AND right(address, 8)::int % 25 = 0`.execute(db);
  await sql`
    INSERT INTO accounts (debtor_id, external_id, creditor, product, currency, balance_minor, due_date)
    SELECT d.id, 'OA-' || n, m.creditor, 'Tarjeta', m.currency, 100000 + (n::bigint * 7919) % 50000000,
           to_char(${today}::date - (${offsets})[1 + n % ${OFFSETS.length}], 'YYYY-MM-DD')
    FROM (SELECT id, country, substring(external_id FROM 4)::int AS n FROM debtors WHERE external_id LIKE 'OB-%') d
    JOIN (VALUES ${markets}) m(k, country, locale, tz, creditor, currency, prefix) ON m.country = d.country`.execute(db);
  if (opts.secondAccountEvery) {
    await sql`
      INSERT INTO accounts (debtor_id, external_id, creditor, product, currency, balance_minor, due_date)
      SELECT a.debtor_id, 'OA2-' || n, a.creditor, 'Préstamo', a.currency, a.balance_minor / 2 + 100000,
             to_char(${today}::date - (${offsets})[1 + (n + 3) % ${OFFSETS.length}], 'YYYY-MM-DD')
      FROM (SELECT debtor_id, creditor, currency, balance_minor, substring(external_id FROM 4)::int AS n FROM accounts WHERE external_id LIKE 'OA-%') a
      WHERE a.n % ${opts.secondAccountEvery} = 0`.execute(db);
  }
  await sql`INSERT INTO disputes (account_id) SELECT id FROM accounts WHERE external_id LIKE 'OA-%' AND substring(external_id FROM 4)::int % 20 = 0`.execute(db);
  await sql`ANALYZE`.execute(db);
}
