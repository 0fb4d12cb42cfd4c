import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicies } from '../../src/adapters/policies/loadPolicies';
import { evaluateDuePromises } from '../../src/collections/evaluateDuePromises';
import { loadCollectionsFacts } from '../../src/collections/loadCollectionsFacts';
import { verifyPaymentLink } from '../../src/core/collections/paymentLinks/verifyPaymentLink';
import type { RunningService } from '../../src/main';
import { buildTwilioFakeEnv } from '../fakes/buildTwilioFakeEnv';
import { startFakeTwilioApi } from '../fakes/fakeTwilioApi';
import type { FakeTwilioApi } from '../fakes/fakeTwilioApi';
import { postSignedInbound } from '../fakes/postSignedInbound';
import { startTestService } from '../fakes/startTestService';
import { waitForPipelineIdle } from '../fakes/waitForPipelineIdle';

// The collections domain end to end: a portfolio imported through the API, debtors writing on WhatsApp through the
// signed Twilio webhook, replies reaching the fake Twilio API through the official client, payments and supervisor
// decisions through the REST API. Lakeside Credit Union (flows/policies): over 120 days past due a settlement of up
// to 30 %, installments of at least $25.00 (at most 12), ONE counter-offer before a supervisor must approve.

const whatsappFrom = 'whatsapp:+14155238886';
const secret = 'e2e-payment-link-secret-0123456789';
const template = 'https://pay.example.com/p?account={account}&amount={amount}&cur={currency}&ref={reference}&sig={signature}';
const tokens = { admin: 'e2e-admin-token-0123456789', supervisor: 'e2e-supervisor-token-0123456789', service: 'e2e-service-token-0123456789' };
const DAY_MS = 86_400_000;
const debtNouns = /\$|1,250|Lakeside|Credit card|balance of|owe/i;

const debtors = {
  verify: '+12125550201', lock: '+12125550202', wrong: '+12125550203', pay: '+12125550204', settle: '+12125550205',
  plan: '+12125550206', approval: '+12125550207', kept: '+12125550208', broken: '+12125550209', dispute: '+12125550210',
} as const;
type Who = keyof typeof debtors;

let fake: FakeTwilioApi;
let service: RunningService;

beforeAll(async () => {
  fake = await startFakeTwilioApi();
  service = await startTestService({
    ...buildTwilioFakeEnv(fake, whatsappFrom),
    API_TOKENS: `${tokens.admin}:admin,${tokens.supervisor}:supervisor:ana,${tokens.service}:service`,
    PAYMENT_LINK_SECRET: secret,
    PAYMENT_LINK_TEMPLATE: template,
  });
  const res = await api('POST', '/api/portfolio/import', tokens.admin, portfolioCsv(), 'text/csv');
  expect(res.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await fake?.close();
});

/** One Lakeside credit card of $1,250.00, 136 days past due, per debtor; identity: 1357 or 05/06/1983. */
function portfolioCsv(): string {
  const due = new Date(Date.now() - 136 * DAY_MS).toISOString().slice(0, 10);
  const header = 'external_id,first_name,last_name,phone,email,country,locale,timezone,document_last4,birth_date,account_id,creditor,product,currency,balance,due_date,segment,consent_whatsapp,consent_sms';
  const rows = Object.entries(debtors).map(
    ([who, phone]) => `e2e-${who},Sam,Lee,${phone},,US,en-US,America/New_York,1357,1983-05-06,ACC-${who},Lakeside Credit Union,Credit card,USD,1250.00,${due},,true,true`,
  );
  return [header, ...rows].join('\n');
}

async function api(method: string, path: string, token: string, body?: unknown, contentType = 'application/json'): Promise<Response> {
  return fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

function repliesTo(who: Who): string[] {
  return fake.messages.filter((m) => m.to === `whatsapp:${debtors[who]}`).map((m) => m.body);
}

/** Sends one signed WhatsApp message as `who`, waits until it is processed and answered, returns the new replies. */
async function say(who: Who, body: string): Promise<string> {
  const before = repliesTo(who).length;
  expect(await postSignedInbound(service.url, { authToken: fake.authToken, accountSid: fake.accountSid, from: `whatsapp:${debtors[who]}`, to: whatsappFrom, body })).toBe(200);
  await waitForPipelineIdle(service.database.db, 60_000);
  return repliesTo(who).slice(before).join('\n');
}

/** Waits until every queued collection event reached its conversation and every reply went out. */
async function settle(): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const queued = await service.database.db.selectFrom('collectionEvents').select('id').where('dispatchedAt', 'is', null).execute();
    if (queued.length === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await waitForPipelineIdle(service.database.db, 60_000);
}

async function verified(who: Who): Promise<void> {
  await say(who, 'Hi');
  expect(await say(who, '1357')).toMatch(/identity is confirmed/);
}

function payment(who: Who, id: string, amount: number) {
  return { external_payment_id: id, account_id: `ACC-${who}`, amount, currency: 'USD', paid_at: new Date().toISOString() };
}

async function listOf<T>(path: string, key: string): Promise<T[]> {
  const res = await api('GET', path, tokens.supervisor);
  expect(res.status).toBe(200);
  const data: Record<string, T[]> = await res.json();
  return data[key] ?? [];
}

describe(`collections over WhatsApp, end to end on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('verifies identity first and says nothing about the debt before', async () => {
    const greeting = await say('verify', 'Hi');
    expect(greeting).toMatch(/Hi Sam/);
    const early = await say('verify', 'what is my balance?');
    expect(early).toMatch(/first I need to confirm your identity/);
    for (const reply of repliesTo('verify')) expect(reply).not.toMatch(debtNouns);

    expect(await say('verify', '05/06/1983')).toMatch(/Thank you, Sam! Your identity is confirmed\. We are writing on behalf of Lakeside Credit Union/);
    expect(await say('verify', 'what is my balance?')).toMatch(/Your outstanding balance with Lakeside Credit Union is \$1,250\.00/);
  });

  it('locks after three wrong answers, hands off, and keeps the lock for the next conversation', async () => {
    await say('lock', 'Hi');
    expect(await say('lock', '0000')).toMatch(/does not match our records\. You have 2 attempts left/);
    expect(await say('lock', '1111')).toMatch(/1 attempts left/);
    expect(await say('lock', '2222')).toMatch(/can't continue here after several attempts[\s\S]*member of our team will review/);
    for (const reply of repliesTo('lock')) expect(reply).not.toMatch(debtNouns);
    // Handed off to a person: the bot is silent, even for the right answer.
    expect(await say('lock', '1357')).toBe('');

    const db = service.database.db;
    const debtor = await db.selectFrom('debtors').select('id').where('externalId', '=', 'e2e-lock').executeTakeFirstOrThrow();
    const state = await db.selectFrom('verificationState').select('lockedUntil').where('debtorId', '=', debtor.id).executeTakeFirstOrThrow();
    expect(state.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    const policies = await loadPolicies('flows/policies');
    if (!policies.ok) throw new Error(policies.error.message);
    const facts = await loadCollectionsFacts(db, debtor.id, new Date(), { policies: policies.policies });
    expect(facts.ok && facts.value.debtor.verification?.lockedUntil).toBe(state.lockedUntil?.toISOString());

    // The agent closes the conversation; a new one starts locked, without asking again: the lock notice once, no
    // greeting, then silence while the lock lasts.
    await db.updateTable('conversations').set({ status: 'ended', handoff: false }).where('address', '=', debtors.lock).execute();
    const again = await say('lock', 'Hi again');
    expect(again).toMatch(/^A member of our team will review your case/);
    expect(again).not.toMatch(/Hi Sam|last 4 digits/);
    expect(await say('lock', 'hello?')).toBe('');
  });

  it('stops writing to a number whose owner says it is not the debtor', async () => {
    await say('wrong', 'Hello');
    const reply = await say('wrong', 'wrong number, I am not Sam');
    expect(reply).toMatch(/this number does not belong to Sam and we will not write again/);
    expect(reply).not.toMatch(debtNouns);
    const count = repliesTo('wrong').length;
    expect(await say('wrong', 'hello?')).toBe('');
    expect(await say('wrong', 'what is this about?')).toBe('');
    expect(repliesTo('wrong')).toHaveLength(count);
    const contact = await service.database.db.selectFrom('contactPoints').select('consent').where('channel', '=', 'whatsapp').where('address', '=', debtors.wrong).executeTakeFirstOrThrow();
    expect(contact.consent).toBe(false);
  });

  it('sends a signed payment link, thanks once for a payment, and ignores the replayed webhook', async () => {
    await verified('pay');
    const reply = await say('pay', 'send me the payment link');
    // The link stands alone on its line, with no punctuation after it, so a phone picks it out whole.
    const url = /https:\/\/pay\.example\.com\/\S+/.exec(reply)?.[0];
    if (!url) throw new Error(`no payment link in: ${reply}`);
    const checked = verifyPaymentLink(url, secret, { template, currency: 'USD' });
    expect(checked, JSON.stringify(checked)).toMatchObject({ ok: true, value: { accountId: 'ACC-pay', amount: { minor: 125_000, currency: 'USD' } } });
    expect(verifyPaymentLink(url.replace('amount=1250.00', 'amount=1.00'), secret, { template, currency: 'USD' }).ok).toBe(false);

    const first = await api('POST', '/api/payments', tokens.service, payment('pay', 'e2e-pay-1', 125_000));
    expect(first.status).toBe(201);
    await fake.waitForMessage((m) => m.to === `whatsapp:${debtors.pay}` && /We received your payment/.test(m.body), 30_000);
    const replay = await api('POST', '/api/payments', tokens.service, payment('pay', 'e2e-pay-1', 125_000));
    expect(replay.status).toBe(200);
    expect((await replay.json()).payment.replayed).toBe(true);
    await settle();
    expect(repliesTo('pay').filter((m) => /We received your payment/.test(m))).toHaveLength(1);
    const stored = await service.database.db.selectFrom('payments').select('id').where('externalId', '=', 'e2e-pay-1').execute();
    expect(stored).toHaveLength(1);
  });

  it('accepts a settlement inside the discount ceiling and records it in writing', async () => {
    await verified('settle');
    const offer = await say('settle', 'I can offer 1000 to settle');
    expect(offer).toMatch(/single payment of \$1,000\.00 \(a \$250\.00 discount, 20%\)/);
    expect(offer).not.toMatch(/outside what I can offer/);
    expect(await say('settle', 'yes')).toMatch(/recorded in writing: you will pay \$1,000\.00 by/);
    const promises = await listOf<{ amount: { minor: number }; status: string }>('/api/promises?debtor=e2e-settle', 'promises');
    expect(promises).toMatchObject([{ amount: { minor: 100_000, currency: 'USD' }, status: 'pending' }]);
  });

  it('answers an installment below the minimum with the closest legal plan', async () => {
    await verified('plan');
    const counter = await say('plan', 'I can pay 10 a month');
    expect(counter).toMatch(/outside what I can offer, but this is the closest option/);
    expect(counter).toMatch(/in 12 payments/);
    expect(await say('plan', 'yes')).toMatch(/Your plan is recorded in writing, for a total of \$1,250\.00/);
    const plans = await listOf<{ count: number; installments: Array<{ amount: { minor: number } }> }>('/api/plans?debtor=e2e-plan', 'plans');
    expect(plans).toMatchObject([{ status: 'active', count: 12, total: { minor: 125_000, currency: 'USD' } }]);
    // Every installment at least the policy minimum of $25.00.
    for (const i of plans[0]?.installments ?? []) expect(i.amount.minor).toBeGreaterThanOrEqual(2_500);
  });

  it('queues an out-of-policy request for a supervisor, who approves it through the API, and tells the debtor', async () => {
    await verified('approval');
    await say('approval', 'I can pay 10 a month');
    expect(await say('approval', '5 a month')).toMatch(/passed it to a supervisor for review/);
    const queue = await listOf<{ id: string; debtor: { externalId: string }; request: { reason: string; kind: string } }>('/api/approvals', 'approvals');
    const mine = queue.filter((a) => a.debtor.externalId === 'e2e-approval');
    expect(mine).toHaveLength(1);
    const approval = mine[0];
    if (!approval) throw new Error('no approval request');
    expect(approval.request).toMatchObject({ kind: 'plan', reason: 'PLAN.BELOW_MIN_INSTALLMENT' });
    // Nothing is accepted while it waits.
    expect(await say('approval', 'yes')).toMatch(/still being reviewed by a supervisor/);
    expect(await listOf('/api/plans?debtor=e2e-approval', 'plans')).toEqual([]);

    expect((await api('POST', `/api/approvals/${approval.id}/approve`, tokens.service)).status).toBe(403);
    const decided = await api('POST', `/api/approvals/${approval.id}/approve`, tokens.supervisor);
    expect(decided.status).toBe(200);
    expect((await decided.json()).approval).toMatchObject({ status: 'approved', decidedBy: 'supervisor:ana' });
    await fake.waitForMessage((m) => m.to === `whatsapp:${debtors.approval}` && /A supervisor approved your request/.test(m.body), 30_000);
    expect((await api('POST', `/api/approvals/${approval.id}/reject`, tokens.supervisor)).status).toBe(409);
    const audit = await service.database.db.selectFrom('auditEvents').select(['actor']).where('code', '=', 'APPROVAL.APPROVED').execute();
    expect(audit).toEqual([{ actor: 'supervisor:ana' }]);
    expect(await listOf('/api/approvals?status=pending', 'approvals')).toEqual([]);
  });

  it('records a promise, which a payment keeps; another is broken after the grace days', async () => {
    const date = new Date(Date.now() + 3 * DAY_MS).toLocaleDateString('en-US', { month: 'long', day: 'numeric', timeZone: 'America/New_York' });
    for (const who of ['kept', 'broken'] as const) {
      await verified(who);
      expect(await say(who, `I will pay 100 on ${date}`)).toMatch(new RegExp(`So you will pay \\$100\\.00 on ${date}`));
      expect(await say(who, 'yes')).toMatch(/recorded in writing: you will pay \$100\.00/);
      expect(await listOf(`/api/promises?debtor=e2e-${who}`, 'promises')).toMatchObject([{ amount: { minor: 10_000, currency: 'USD' }, status: 'pending' }]);
    }
    expect((await api('POST', '/api/payments', tokens.service, payment('kept', 'e2e-kept-1', 10_000))).status).toBe(201);
    await fake.waitForMessage((m) => m.to === `whatsapp:${debtors.kept}` && /We received your payment/.test(m.body), 30_000);
    expect(await listOf('/api/promises?debtor=e2e-kept', 'promises')).toMatchObject([{ status: 'kept', paid: { minor: 10_000 } }]);

    const policies = await loadPolicies('flows/policies');
    if (!policies.ok) throw new Error(policies.error.message);
    // Not yet: the date has not passed. Then 3 days past the date plus Lakeside's 3 grace days.
    await evaluateDuePromises(service.database.db, new Date(), { policies: policies.policies });
    expect(await listOf('/api/promises?debtor=e2e-broken', 'promises')).toMatchObject([{ status: 'pending' }]);
    const counts = await evaluateDuePromises(service.database.db, new Date(Date.now() + 8 * DAY_MS), { policies: policies.policies });
    expect(counts.broken).toBeGreaterThanOrEqual(1);
    expect(await listOf('/api/promises?debtor=e2e-broken&status=broken', 'promises')).toHaveLength(1);
    expect(await listOf('/api/promises?debtor=e2e-kept', 'promises')).toMatchObject([{ status: 'kept' }]);
  });

  it('records a dispute and pauses collection on that account', async () => {
    await verified('dispute');
    expect(await say('dispute', 'this is not my debt')).toMatch(/recorded that you dispute this debt/);
    const db = service.database.db;
    const account = await db.selectFrom('accounts').select(['id', 'status', 'pausedReason']).where('externalId', '=', 'ACC-dispute').executeTakeFirstOrThrow();
    expect(account).toMatchObject({ status: 'disputed', pausedReason: 'dispute' });
    const disputes = await db.selectFrom('disputes').select(['status', 'reasonCode']).where('accountId', '=', account.id).execute();
    expect(disputes).toEqual([{ status: 'open', reasonCode: 'unspecified' }]);
    expect(await say('dispute', 'I need a payment plan')).toBe('');
  });
});
