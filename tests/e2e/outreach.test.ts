import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/main';
import { buildTwilioFakeEnv } from '../fakes/buildTwilioFakeEnv';
import { startFakeTwilioApi } from '../fakes/fakeTwilioApi';
import type { FakeTwilioApi } from '../fakes/fakeTwilioApi';
import { importPortfolioCsv } from '../fakes/importPortfolioCsv';
import { newMessageSid, signTwilioWebhook } from '../fakes/signTwilioWebhook';
import { startTestService, testPublicBaseUrl } from '../fakes/startTestService';
import { createFakeClock } from '../helpers/createFakeClock';

// Three weeks of proactive outreach for Banco Andino's Colombian debtors, end to end: the portfolio imported through
// the API, the real service (sweep, compliance gate, outbox sender, pipeline) on a fake clock that jumps from one due
// moment to the next, the official Twilio client against the fake Twilio API (which enforces the WhatsApp window).
// Banco Andino writes Mon–Fri 8:00–18:00 (flows/compliance/creditors); 2026-12-08 is a festivo in Colombia.

const whatsappFrom = 'whatsapp:+14155238886';
const adminToken = 'e2e-outreach-admin-token-0123456789';
const clock = createFakeClock(new Date('2026-11-30T12:00:00Z')); // Monday 7:00 in Bogotá
const end = new Date('2026-12-22T05:00:00Z'); // Monday 21 December, midnight in Bogotá
const debtors = {
  plain: { phone: '+573007770001', due: '2026-12-03' },
  holiday: { phone: '+573007770002', due: '2026-12-08' },
  promise: { phone: '+573007770003', due: '2026-11-01' },
  optout: { phone: '+573007770004', due: '2026-12-03' },
  dispute: { phone: '+573007770005', due: '2026-12-03' },
  handoff: { phone: '+573007770006', due: '2026-12-03' },
  replier: { phone: '+573007770007', due: '2026-12-01' },
  // Two accounts: this one, and OUT-twice-loan due on 2026-12-01 (below).
  twice: { phone: '+573007770008', due: '2026-12-03' },
} as const;
type Who = keyof typeof debtors;
const debtNouns = /\$|1\.250|saldo|deuda|tarjeta|monto|vence|pago/i;

let fake: FakeTwilioApi;
let service: RunningService;

beforeAll(async () => {
  fake = await startFakeTwilioApi({ whatsappWindow: { clock } });
  // The sweep is stepped by hand below; due inactivity timers fire on their own (settle() waits for them), every second.
  service = await startTestService(
    { ...buildTwilioFakeEnv(fake, whatsappFrom), API_TOKENS: `${adminToken}:admin`, SEED_DEMO: 'false', OUTREACH_ENABLED: 'true', OUTREACH_SWEEP_INTERVAL_SECONDS: '86400', PROMISE_CHECK_INTERVAL_SECONDS: '86400', TIMER_CHECK_INTERVAL_SECONDS: '1' },
    { clock },
  );
  const header = 'external_id,first_name,last_name,phone,email,country,locale,timezone,document_last4,birth_date,account_id,creditor,product,currency,balance,due_date,segment,consent_whatsapp,consent_sms';
  const rows = Object.entries(debtors).map(([who, d]) => `out-${who},Ana,Ruiz,${d.phone},,CO,es-CO,America/Bogota,1234,1990-05-06,OUT-${who},Banco Andino,Tarjeta de crédito,COP,1250000.00,${d.due},,true,true`);
  const loan = `out-twice,Ana,Ruiz,${debtors.twice.phone},,CO,es-CO,America/Bogota,1234,1990-05-06,OUT-twice-loan,Banco Andino,Préstamo,COP,800000.00,2026-12-01,,true,true`;
  await importPortfolioCsv(service.url, adminToken, [header, ...rows, loan].join('\n'));
  // A promise made earlier (the pipeline records it this way when the debtor promises in a conversation).
  await sql`INSERT INTO promises (account_id, amount_minor, currency, due_date, made_at)
    SELECT id, 125000000, 'COP', '2026-12-10', ${clock.now()} FROM accounts WHERE external_id = 'OUT-promise'`.execute(service.database.db);
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await fake?.close();
});

/** The service's outreach messages as sent, in order: who, step template, when (fake clock), as a Content template or text. */
async function outreachSent() {
  const rows = await sql<{ toAddress: string; template: string; sentAt: Date; contentSid: string | null; status: string }>`
    SELECT to_address, template, sent_at, content_sid, status FROM outbox WHERE template LIKE 'outreach:%' ORDER BY sent_at, to_address`.execute(service.database.db);
  return rows.rows.map((r) => ({ ...r, who: (Object.keys(debtors) as Who[]).find((w) => debtors[w].phone === r.toAddress) }));
}

function bogota(at: Date): { date: string; weekday: number; minutes: number } {
  const local = new Date(at.getTime() - 5 * 3_600_000);
  return { date: local.toISOString().slice(0, 10), weekday: local.getUTCDay(), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** Waits until the pipeline has nothing due at the fake now: inbox processed, due timers fired, due outbox rows sent. */
async function settle(): Promise<void> {
  const db = service.database.db;
  for (let i = 0; i < 600; i += 1) {
    const busy = await sql<{ n: number }>`SELECT
      (SELECT count(*) FROM inbox WHERE status IN ('pending', 'processing'))
      + (SELECT count(*) FROM scheduled_timers WHERE due_at <= ${clock.now()})
      + (SELECT count(*) FROM outbox WHERE status = 'sending' OR (status = 'pending' AND next_attempt_at <= ${clock.now()})) AS n`.execute(db);
    if (Number(busy.rows[0]?.n ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`pipeline still busy at ${clock.now().toISOString()}`);
}

/** The next moment anything is due: an account's next outreach action, a held outbox row, an inactivity timer. */
async function nextDue(): Promise<Date | null> {
  const now = clock.now();
  const next = await sql<{ at: Date | null }>`SELECT least(
      (SELECT min(next_at) FROM outreach_schedule WHERE next_at > ${now} AND next_at <> 'infinity'),
      (SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending' AND next_attempt_at > ${now}),
      (SELECT min(due_at) FROM scheduled_timers WHERE due_at > ${now})) AS at`.execute(service.database.db);
  return next.rows[0]?.at ?? null;
}

async function say(who: Who, body: string): Promise<string[]> {
  const address = `whatsapp:${debtors[who].phone}`;
  const before = fake.messages.filter((m) => m.to === address).length;
  fake.recordInbound(address, clock.now());
  const params = { MessageSid: newMessageSid(), AccountSid: fake.accountSid, From: address, To: whatsappFrom, Body: body, NumMedia: '0' };
  const res = await fetch(`${service.url}/webhooks/twilio`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(fake.authToken, `${testPublicBaseUrl}/webhooks/twilio`, params) },
    body: new URLSearchParams(params).toString(),
  });
  expect(res.status).toBe(200);
  await settle();
  return fake.messages.filter((m) => m.to === address).slice(before).map((m) => m.body);
}

/** What each scripted debtor answers to their first outreach message. */
const reactions: Partial<Record<Who, () => Promise<void>>> = {
  optout: async () => void (await say('optout', 'BAJA')),
  handoff: async () => void (await say('handoff', 'quiero hablar con un asesor')),
  dispute: async () => {
    await say('dispute', 'hola');
    await say('dispute', '1234');
    await say('dispute', 'esa deuda no es mía');
  },
};

/** Replies at a set moment: the replier answers the first message on Monday evening, 20:00 in Bogotá. */
const timed: Array<{ at: Date; run: () => Promise<void> }> = [
  { at: new Date('2026-12-01T01:00:00Z'), run: async () => {
    const replies = await say('replier', 'hola, quién es?');
    expect(replies.join('\n')).toMatch(/confirm|verific|identidad|documento/i);
    for (const reply of replies) expect(reply).not.toMatch(debtNouns);
  } },
];

describe(`three weeks of outreach on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('sends the right steps at allowed local times, stays silent where it must, and verifies whoever replies', async () => {
    const reacted = new Set<Who>();
    for (let round = 0; round < 400 && clock.now().getTime() < end.getTime(); round += 1) {
      await service.outreach.sweepOnce();
      await settle();
      for (const sent of await outreachSent()) {
        const react = sent.who ? reactions[sent.who] : undefined;
        if (!sent.who || !react || reacted.has(sent.who)) continue;
        reacted.add(sent.who);
        await react();
      }
      for (const event of timed.filter((t) => t.at.getTime() <= clock.now().getTime())) {
        timed.splice(timed.indexOf(event), 1);
        await event.run();
      }
      const next = Math.min((await nextDue())?.getTime() ?? end.getTime(), end.getTime(), ...timed.map((t) => t.at.getTime()));
      clock.set(new Date(Math.max(clock.now().getTime() + 60_000, next)));
    }
    const sent = await outreachSent();
    if (process.env.OUTREACH_E2E_DEBUG) {
      console.log(sent.map((x) => `${x.who} ${x.template} ${x.sentAt.toISOString()} ${x.contentSid ? 'T' : 't'}`).join('\n'));
      const holds = await sql<{ data: unknown; code: string; at: Date }>`SELECT code, data, at FROM audit_events WHERE code LIKE 'OUTREACH.%' OR code LIKE 'COMPLIANCE.%' OR code LIKE 'OUTBOX.%' ORDER BY seq`.execute(service.database.db);
      console.log(holds.rows.map((h) => `${h.at.toISOString()} ${h.code} ${JSON.stringify(h.data)}`).join('\n'));
    }
    const steps = (who: Who) => sent.filter((s) => s.who === who).map((s) => `${s.template.split(':')[2]}@${bogota(s.sentAt).date}`);

    // Allowed local times only: Mon–Fri 8:00–18:00 in Bogotá, never on the 8 December festivo.
    for (const s of sent) {
      const local = bogota(s.sentAt);
      expect(s.status).toMatch(/sent|delivered/);
      expect([1, 2, 3, 4, 5]).toContain(local.weekday);
      expect(local.minutes).toBeGreaterThanOrEqual(8 * 60);
      expect(local.minutes).toBeLessThan(18 * 60);
      expect(local.date).not.toBe('2026-12-08');
    }
    expect(steps('plain')).toEqual(['primer_contacto@2026-11-30', 'recordatorio@2026-12-03', 'recordatorio@2026-12-07', 'recordatorio@2026-12-10', 'recordatorio@2026-12-18']);
    expect(steps('holiday')).toEqual(['primer_contacto@2026-12-07', 'recordatorio@2026-12-09', 'recordatorio@2026-12-11', 'recordatorio@2026-12-15']);
    // A pending promise: only its reminders, the day before and on the day.
    expect(steps('promise')).toEqual(['promesa@2026-12-09', 'promesa@2026-12-10']);
    // Silence after an opt-out, during a dispute, while a person has the conversation.
    expect(steps('optout')).toEqual(['primer_contacto@2026-11-30']);
    expect(steps('dispute')).toEqual(['primer_contacto@2026-11-30']);
    expect(steps('handoff')).toEqual(['primer_contacto@2026-11-30']);
    // Outside the WhatsApp window a Content template; inside it (the debtor wrote last night) text.
    const replier = sent.filter((s) => s.who === 'replier');
    expect(replier.slice(0, 2).map((s) => [s.template.split(':')[2], bogota(s.sentAt).date, s.contentSid !== null])).toEqual([
      ['primer_contacto', '2026-11-30', true],
      ['recordatorio', '2026-12-01', false],
    ]);
    const onTwilio = fake.messages.filter((m) => m.to === `whatsapp:${debtors.plain.phone}`);
    expect(onTwilio.length).toBe(5);
    for (const m of onTwilio) expect(m.form.ContentSid).toMatch(/^HX[0-9a-f]{32}$/);
    const textInside = fake.messages.find((m) => m.to === `whatsapp:${debtors.replier.phone}` && m.body.startsWith('Hola Ana, te escribe Banco Andino. Queremos'));
    expect(textInside).toBeDefined();
    expect(textInside?.form.ContentSid).toBeUndefined();
    expect(onTwilio[0]?.contentVariables).toEqual({ 1: 'Ana', 2: 'Banco Andino' });
    // The first message says who writes and why, and nothing about the debt (its text, and the template's variables).
    const first = await service.database.db.selectFrom('outbox').select('body').where('toAddress', '=', debtors.plain.phone).where('template', 'like', 'outreach:%').orderBy('position').executeTakeFirstOrThrow();
    expect(first.body).toMatch(/^Hola Ana, te escribe Banco Andino\. Tenemos un asunto personal para ti\./);
    expect(first.body).not.toMatch(debtNouns);
    // One message a day at most to each debtor, also to the one with two accounts, whose both accounts are reminded.
    const perDay = new Map<string, number>();
    for (const s of sent) perDay.set(`${s.who}@${bogota(s.sentAt).date}`, (perDay.get(`${s.who}@${bogota(s.sentAt).date}`) ?? 0) + 1);
    expect([...perDay].filter(([, n]) => n > 1)).toEqual([]);
    const twiceAccounts = await sql<{ externalId: string }>`SELECT DISTINCT a.external_id FROM outreach_sends s JOIN accounts a ON a.id = s.account_id WHERE a.external_id LIKE 'OUT-twice%' ORDER BY 1`.execute(service.database.db);
    expect(twiceAccounts.rows.map((r) => r.externalId)).toEqual(['OUT-twice', 'OUT-twice-loan']);
    // Each step once: (account, step, local date) is unique, and every outreach row came from one send record.
    const counts = await sql<{ n: string; d: string }>`SELECT count(*) AS n, count(DISTINCT (account_id, step, local_date)) AS d FROM outreach_sends`.execute(service.database.db);
    expect(counts.rows[0]?.n).toBe(counts.rows[0]?.d);
    expect(Number(counts.rows[0]?.n)).toBe(sent.length);
  }, 600_000);
});
