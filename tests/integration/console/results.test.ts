import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import type { DB } from '../../../src/adapters/db/schema';
import { computeResults } from '../../../src/console/results/computeResults';
import { resultsToCsv } from '../../../src/console/results/resultsToCsv';
import { createTestDatabase } from '../../helpers/testDatabase';

let database: Database;

/**
 * A November with known answers. D1..D4 and D6 were written to in November, D5 only in October, D7 never:
 * D1 (CO, Banco Andino, early, WhatsApp) replied, verified, got an offer, promised and paid: the whole funnel.
 * D2 (CO, Banco Andino, late, WhatsApp) replied, verified, got an offer and a plan; waited 10 min for a person.
 * D3 (MX, Lakeside, early, SMS) replied and verified, then opted out; its conversation ended with the bot.
 * D4 (MX, Lakeside, no segment, SMS) never replied, disputed; its conversation ended after a person (waited 30 min).
 * D6 (US, Lakeside, WhatsApp) replied but never verified; its promise broke; conversation ended with the bot.
 */
async function seed(db: Kysely<DB>): Promise<void> {
  const debtor = async (key: string, country: string, creditor: string, segment: string | null) => {
    const d = await db.insertInto('debtors').values({ externalId: key, firstName: key, locale: 'es-CO', timezone: 'America/Bogota', country, profile: '{}' }).returning('id').executeTakeFirstOrThrow();
    const a = await db.insertInto('accounts').values({ debtorId: d.id, externalId: `ACC-${key}`, creditor, product: 'card', currency: creditor === 'Banco Andino' ? 'COP' : 'USD', balanceMinor: 100_000, dueDate: '2026-08-01', segment }).returning('id').executeTakeFirstOrThrow();
    return { debtorId: d.id, accountId: a.id };
  };
  const conversation = async (debtorId: string, channel: 'whatsapp' | 'sms', status: 'active' | 'ended', updatedAt: string, handoff = false) =>
    (await db.insertInto('conversations').values({ debtorId, channel, address: `${channel}-${debtorId}`, status, handoff, flowId: 'collections-es', flowVersion: 'v1', createdAt: '2026-11-01T08:00:00Z', updatedAt }).returning('id').executeTakeFirstOrThrow()).id;
  const message = (conversationId: string, direction: 'in' | 'out', at: string) => db.insertInto('messages').values({ conversationId, direction, body: 'x', status: 'sent', createdAt: at }).execute();
  const audit = (debtorId: string, conversationId: string | null, code: string, at: string, data: Record<string, unknown> = {}) =>
    db.insertInto('auditEvents').values({ at, actor: 'bot', debtorId, conversationId, code, data: JSON.stringify(data) }).execute();
  const promise = (accountId: string, status: 'kept' | 'broken' | 'partially_kept' | 'pending', dueDate: string, madeAt: string) =>
    db.insertInto('promises').values({ accountId, amountMinor: 50_000, currency: 'USD', dueDate, madeAt, status }).execute();
  const payment = (accountId: string, id: string, amountMinor: number, currency: string, paidAt: string) =>
    db.insertInto('payments').values({ externalId: id, accountId, amountMinor, currency, paidAt, source: 'api', appliedMinor: amountMinor, overpaymentMinor: 0, balanceAfterMinor: 0 }).execute();

  const d1 = await debtor('D1', 'CO', 'Banco Andino', 'early');
  const c1 = await conversation(d1.debtorId, 'whatsapp', 'active', '2026-11-06T10:00:00Z', true);
  await message(c1, 'out', '2026-11-05T10:00:00Z');
  await message(c1, 'in', '2026-11-05T10:01:00Z');
  await audit(d1.debtorId, c1, 'VERIFICATION.PASSED', '2026-11-05T10:02:00Z');
  await audit(d1.debtorId, c1, 'EFFECT.PROPOSE_PLAN', '2026-11-06T10:00:00Z');
  await promise(d1.accountId, 'kept', '2026-11-20', '2026-11-06T10:00:00Z');
  await payment(d1.accountId, 'p1', 100_000, 'COP', '2026-11-20T15:00:00Z');

  const d2 = await debtor('D2', 'CO', 'Banco Andino', 'late');
  const c2 = await conversation(d2.debtorId, 'whatsapp', 'active', '2026-11-07T11:00:00Z');
  await message(c2, 'out', '2026-11-07T09:00:00Z');
  await message(c2, 'in', '2026-11-07T09:01:00Z');
  await audit(d2.debtorId, c2, 'VERIFICATION.PASSED', '2026-11-07T09:02:00Z');
  await audit(d2.debtorId, c2, 'EFFECT.PROPOSE_PLAN', '2026-11-07T09:03:00Z');
  await db.insertInto('plans').values({ accountId: d2.accountId, totalMinor: 100_000, currency: 'COP', installmentCount: 4, frequency: 'monthly', firstDueDate: '2026-12-01', lastDueDate: '2027-03-01', createdAt: '2026-11-07T09:04:00Z' }).execute();
  await audit(d2.debtorId, c2, 'CONVERSATION.HANDOFF', '2026-11-07T10:00:00Z');
  await audit(d2.debtorId, c2, 'CONSOLE.TAKEN_OVER', '2026-11-07T10:10:00Z', { wasWaiting: true });
  await audit(d2.debtorId, c2, 'CONSOLE.ASSIGNED', '2026-11-07T10:20:00Z', { wasWaiting: false });

  const d3 = await debtor('D3', 'MX', 'Lakeside', 'early');
  const c3 = await conversation(d3.debtorId, 'sms', 'ended', '2026-11-08T12:00:00Z');
  await message(c3, 'out', '2026-11-08T10:00:00Z');
  await message(c3, 'in', '2026-11-08T10:01:00Z');
  await audit(d3.debtorId, c3, 'VERIFICATION.PASSED', '2026-11-08T10:02:00Z');
  await audit(d3.debtorId, c3, 'CONSENT.OPT_OUT', '2026-11-08T10:05:00Z');

  const d4 = await debtor('D4', 'MX', 'Lakeside', null);
  const c4 = await conversation(d4.debtorId, 'sms', 'ended', '2026-11-09T12:00:00Z');
  await message(c4, 'out', '2026-11-09T08:00:00Z');
  await db.insertInto('disputes').values({ accountId: d4.accountId, conversationId: c4, createdAt: '2026-11-09T08:30:00Z' }).execute();
  await audit(d4.debtorId, c4, 'CONVERSATION.HANDOFF', '2026-11-09T09:00:00Z');
  await audit(d4.debtorId, c4, 'CONSOLE.TAKEN_OVER', '2026-11-09T09:30:00Z', { wasWaiting: true });
  await promise(d4.accountId, 'pending', '2026-11-28', '2026-11-09T08:00:00Z');

  const d5 = await debtor('D5', 'US', 'Lakeside', null);
  const c5 = await conversation(d5.debtorId, 'sms', 'ended', '2026-10-10T12:00:00Z');
  await message(c5, 'out', '2026-10-10T10:00:00Z');
  await payment(d5.accountId, 'p5', 9_999, 'USD', '2026-10-10T15:00:00Z');

  const d6 = await debtor('D6', 'US', 'Lakeside', null);
  const c6 = await conversation(d6.debtorId, 'whatsapp', 'ended', '2026-11-15T12:00:00Z');
  await message(c6, 'out', '2026-11-02T10:00:00Z');
  await message(c6, 'in', '2026-11-02T10:05:00Z');
  await promise(d6.accountId, 'broken', '2026-11-15', '2026-11-02T10:06:00Z');

  const d7 = await debtor('D7', 'US', 'Lakeside', null);
  await promise(d7.accountId, 'partially_kept', '2026-11-25', '2026-10-20T10:00:00Z');
  await payment(d7.accountId, 'p7', 5_000, 'USD', '2026-11-25T15:00:00Z');
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db);
}, 60_000);

afterAll(async () => {
  await database?.close();
});

const november = { from: '2026-11-01', to: '2026-11-30' };
type Eight = [number, number, number, number, number, number, number, number];
const funnel = (key: string, values: Eight) => {
  const [contacted, replied, verified, offered, committed, keptOrPaid, optedOut, disputed] = values;
  return { key, contacted, replied, verified, offered, committed, keptOrPaid, optedOut, disputed };
};

describe('results dashboard figures', () => {
  it('computes the funnel, money recovered, promise-kept rate, containment and waiting time of the period', async () => {
    const results = await computeResults(database.db, { ...november, by: 'creditor' });
    expect(results.total).toEqual(funnel('all', [5, 4, 3, 2, 2, 1, 1, 1]));
    expect(results.recovered).toEqual([
      { currency: 'COP', minor: 100_000, payments: 1 },
      { currency: 'USD', minor: 5_000, payments: 1 },
    ]);
    expect(results.promises).toEqual({ due: 3, kept: 1, partiallyKept: 1, broken: 1, keptRate: 1 / 3 });
    expect(results.containment).toEqual({ ended: 3, withoutPerson: 2, rate: 2 / 3 });
    expect(results.handoffWait).toEqual({ taken: 2, medianSeconds: 1200, p90Seconds: 1680, waitingNow: 1 });
    expect(results.by.rows).toEqual([funnel('Lakeside', [3, 2, 1, 0, 0, 0, 1, 1]), funnel('Banco Andino', [2, 2, 2, 2, 2, 1, 0, 0])]);
  });

  it('breaks the funnel down by segment, channel, country and flow version', async () => {
    const by = async (dimension: 'segment' | 'channel' | 'country' | 'flow') => (await computeResults(database.db, { ...november, by: dimension })).by.rows;
    expect(await by('segment')).toEqual([funnel('(none)', [2, 1, 0, 0, 0, 0, 0, 1]), funnel('early', [2, 2, 2, 1, 1, 1, 1, 0]), funnel('late', [1, 1, 1, 1, 1, 0, 0, 0])]);
    expect(await by('channel')).toEqual([funnel('whatsapp', [3, 3, 2, 2, 2, 1, 0, 0]), funnel('sms', [2, 1, 1, 0, 0, 0, 1, 1])]);
    expect(await by('country')).toEqual([funnel('CO', [2, 2, 2, 2, 2, 1, 0, 0]), funnel('MX', [2, 1, 1, 0, 0, 0, 1, 1]), funnel('US', [1, 1, 0, 0, 0, 0, 0, 0])]);
    expect(await by('flow')).toEqual([funnel('collections-es@v1', [5, 4, 3, 2, 2, 1, 1, 1])]);
  });

  it('counts nothing outside the period', async () => {
    const october = await computeResults(database.db, { from: '2026-10-01', to: '2026-10-31', by: 'creditor' });
    expect(october.total).toEqual(funnel('all', [1, 0, 0, 0, 0, 0, 0, 0]));
    expect(october.recovered).toEqual([{ currency: 'USD', minor: 9_999, payments: 1 }]);
    expect(october.promises.keptRate).toBeNull();
  });

  it('exports CSV with every figure and neutralises cells a spreadsheet would run', async () => {
    const results = await computeResults(database.db, { ...november, by: 'creditor' });
    const csv = resultsToCsv({ ...results, by: { ...results.by, rows: [...results.by.rows, funnel('=HYPERLINK("http://x")', [1, 0, 0, 0, 0, 0, 0, 0])] } });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('section,key,contacted,replied,verified,offered,committed,kept_or_paid,opted_out,disputed');
    expect(lines).toContain('funnel,all,5,4,3,2,2,1,1,1');
    expect(lines).toContain('creditor,Banco Andino,2,2,2,2,2,1,0,0');
    expect(lines).toContain(`creditor,"'=HYPERLINK(""http://x"")",1,0,0,0,0,0,0,0`);
    expect(lines).toContain('recovered,COP,100000,1');
    expect(lines).toContain('promise_kept_rate,all,0.3333,1,3');
  });
});
