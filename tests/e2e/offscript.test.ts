import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/main';
import { buildTwilioFakeEnv } from '../fakes/buildTwilioFakeEnv';
import { startFakeTwilioApi } from '../fakes/fakeTwilioApi';
import type { FakeTwilioApi } from '../fakes/fakeTwilioApi';
import { postSignedInbound } from '../fakes/postSignedInbound';
import { startTestService } from '../fakes/startTestService';
import { waitForPipelineIdle } from '../fakes/waitForPipelineIdle';

// Issue 12 through the signed Twilio webhook and the database: what the conversations off the script record
// (a death, a contact preference, a cancelled plan) and what a later conversation makes of it (picks up where it
// was within REVERIFY_AFTER_MINUTES; says nothing once a death is on file). Lakeside Credit Union, $1,250.00.

const whatsappFrom = 'whatsapp:+14155238886';
const token = 'e2e-offscript-admin-token-0123456789';
const DAY_MS = 86_400_000;
const smsFrom = '+14155550199';
const debtors = { back: '+12125550301', deceased: '+12125550302', cancel: '+12125550303', later: '+12125550304', offer: '+12125550305', twochannels: '+12125550306' } as const;
type Who = keyof typeof debtors;

let fake: FakeTwilioApi;
let service: RunningService;

beforeAll(async () => {
  fake = await startFakeTwilioApi();
  service = await startTestService({ ...buildTwilioFakeEnv(fake, whatsappFrom), TWILIO_SMS_FROM: smsFrom, API_TOKENS: `${token}:admin`, PAYMENT_LINK_SECRET: 'e2e-offscript-link-secret-0123456789' });
  const due = new Date(Date.now() - 60 * DAY_MS).toISOString().slice(0, 10);
  const header = 'external_id,first_name,last_name,phone,email,country,locale,timezone,document_last4,birth_date,account_id,creditor,product,currency,balance,due_date,segment,consent_whatsapp,consent_sms';
  const rows = Object.entries(debtors).map(([who, phone]) => `off-${who},Sam,Lee,${phone},,US,en-US,America/New_York,1357,1983-05-06,OFF-${who},Lakeside Credit Union,Credit card,USD,1250.00,${due},,true,true`);
  const res = await fetch(`${service.url}/api/portfolio/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: [header, ...rows].join('\n') });
  expect(res.status).toBeLessThan(300);
  await waitForPipelineIdle(service.database.db, 60_000);
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await fake?.close();
});

type Channel = 'whatsapp' | 'sms';

function addressOf(who: Who, channel: Channel): string {
  return channel === 'whatsapp' ? `whatsapp:${debtors[who]}` : debtors[who];
}

function repliesTo(who: Who, channel: Channel = 'whatsapp'): string[] {
  return fake.messages.filter((m) => m.to === addressOf(who, channel)).map((m) => m.body);
}

async function say(who: Who, body: string, channel: Channel = 'whatsapp'): Promise<string> {
  const before = repliesTo(who, channel).length;
  expect(await postSignedInbound(service.url, { authToken: fake.authToken, accountSid: fake.accountSid, from: addressOf(who, channel), to: channel === 'whatsapp' ? whatsappFrom : smsFrom, body })).toBe(200);
  await waitForPipelineIdle(service.database.db, 60_000);
  return repliesTo(who, channel).slice(before).join('\n');
}

async function debtorRow(who: Who) {
  return service.database.db.selectFrom('debtors').select(['id', 'deceasedAt', 'preferredContact']).where('externalId', '=', `off-${who}`).executeTakeFirstOrThrow();
}

describe(`conversations off the script, end to end on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('a debtor who writes again after "thanks" picks up where they were, without verifying again', async () => {
    await say('back', 'Hi');
    expect(await say('back', '1357')).toMatch(/identity is confirmed/);
    expect(await say('back', 'thanks')).toMatch(/Thank you for your time/);
    const again = await say('back', 'how much do I owe');
    expect(again).toMatch(/^Hi again, Sam/);
    expect(again).toMatch(/Your outstanding balance with Lakeside Credit Union is \$1,250\.00/);
    expect(again).not.toMatch(/this is a virtual assistant|last 4 digits/);
  });

  it('a debtor who left with an offer on the table finds the same offer again, and accepting it records the plan', async () => {
    await say('offer', 'Hi');
    await say('offer', '1357');
    const offered = await say('offer', 'I need a payment plan');
    expect(offered).toMatch(/Do you accept this plan\?/);
    expect(await say('offer', 'write me later')).toMatch(/we will write to you later/i);
    const again = await say('offer', 'hi');
    expect(again).toMatch(/^Hi again, Sam\. .*still waiting for your answer/);
    // The same schedule, not a new negotiation.
    expect(again).toContain(offered.slice(offered.indexOf('\n')));
    expect(again).not.toMatch(/last 4 digits/);
    expect(await say('offer', 'yes, I accept')).toMatch(/recorded in writing/);
    const account = await service.database.db.selectFrom('accounts').select('id').where('externalId', '=', 'OFF-offer').executeTakeFirstOrThrow();
    expect(await service.database.db.selectFrom('plans').select('status').where('accountId', '=', account.id).execute()).toEqual([{ status: 'active' }]);
  });

  it('verification is kept per address: the same debtor writing by SMS right after WhatsApp is asked again', async () => {
    await say('twochannels', 'Hi');
    expect(await say('twochannels', '1357')).toMatch(/identity is confirmed/);
    await say('twochannels', 'thanks');
    const bySms = await say('twochannels', 'how much do I owe', 'sms');
    expect(bySms).toMatch(/last 4 digits/);
    expect(bySms).not.toMatch(/Hi again|\$1,250\.00/);
    // Back on WhatsApp, that address still picks up where it was.
    expect(await say('twochannels', 'how much do I owe')).toMatch(/^Hi again, Sam[\s\S]*\$1,250\.00/);
  });

  it('a relative reporting a death is never asked for data; deceased_at stops the next conversation', async () => {
    await say('deceased', 'Hello');
    const reply = await say('deceased', 'this is not Sam, Sam was my brother and he passed away last month');
    expect(reply).toMatch(/sorry for your loss/);
    expect(reply).not.toMatch(/last 4 digits|date of birth|\$|Lakeside/);
    const row = await debtorRow('deceased');
    expect(row.deceasedAt).not.toBeNull();
    // The debtor's conversation, not a closed record of a proactive message the outreach sweep may have sent first.
    const conversation = await service.database.db.selectFrom('conversations').select(['handoff', 'status']).where('address', '=', debtors.deceased).where('flowId', '!=', 'outreach').executeTakeFirstOrThrow();
    expect(conversation.handoff).toBe(true);
    // A person closes it; whatever comes next gets no bot message about the debt.
    await service.database.db.updateTable('conversations').set({ status: 'ended', handoff: false }).where('address', '=', debtors.deceased).execute();
    expect(await say('deceased', 'hello?')).toBe('');
  });

  it('cancelling an accepted plan is confirmed first, then cancels it in the ledger with an audit event', async () => {
    await say('cancel', 'Hi');
    await say('cancel', '1357');
    expect(await say('cancel', 'I need a payment plan')).toMatch(/Do you accept this plan\?/);
    expect(await say('cancel', 'yes, I accept')).toMatch(/recorded in writing/);
    const db = service.database.db;
    const account = await db.selectFrom('accounts').select('id').where('externalId', '=', 'OFF-cancel').executeTakeFirstOrThrow();
    expect(await db.selectFrom('plans').select('status').where('accountId', '=', account.id).execute()).toEqual([{ status: 'active' }]);
    expect(await say('cancel', 'cancel the plan')).toMatch(/Do you confirm you want to cancel/);
    expect(await db.selectFrom('plans').select('status').where('accountId', '=', account.id).execute()).toEqual([{ status: 'active' }]);
    expect(await say('cancel', 'yes')).toMatch(/I cancelled your payment arrangement/);
    expect(await db.selectFrom('plans').select('status').where('accountId', '=', account.id).execute()).toEqual([{ status: 'cancelled' }]);
    const audit = await db.selectFrom('auditEvents').select('data').where('code', '=', 'PLAN.CANCELLED').where('debtorId', '=', (await debtorRow('cancel')).id).execute();
    expect(JSON.stringify(audit)).toContain('debtor_request');
    expect(await say('cancel', 'what do I have pending?')).toMatch(/no active plan or payment promise/);
  });

  it('"text me tomorrow after 6" is stored as the preferred contact time in the debtor\'s zone', async () => {
    await say('later', 'Hi');
    expect(await say('later', 'text me tomorrow after 6')).toMatch(/after 18:00/);
    const row = await debtorRow('later');
    expect(row.preferredContact).toMatchObject({ window: { from: '18:00', to: '21:00' } });
    expect(typeof row.preferredContact?.notBefore).toBe('string');
  });
});
