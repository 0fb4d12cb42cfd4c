import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/main';
import { recordSendOutcome } from '../../../src/pipeline/send/recordSendOutcome';
import { createFakeClock } from '../../helpers/createFakeClock';
import { buildTwilioFakeEnv } from '../../fakes/buildTwilioFakeEnv';
import { addConsoleUser, signIn } from '../../fakes/consoleSignIn';
import { startFakeTwilioApi } from '../../fakes/fakeTwilioApi';
import type { FakeTwilioApi } from '../../fakes/fakeTwilioApi';
import { newMessageSid, signTwilioWebhook } from '../../fakes/signTwilioWebhook';
import { startTestService, testPublicBaseUrl } from '../../fakes/startTestService';

// Saturday 2026-12-05 18:30 in Bogotá: past Colombia's Saturday contact hours (8:00-15:00); Sunday is closed.
const clock = createFakeClock(new Date('2026-12-05T23:30:00Z'));
let service: RunningService;
let fake: FakeTwilioApi;

beforeAll(async () => {
  fake = await startFakeTwilioApi();
  service = await startTestService({ ...buildTwilioFakeEnv(fake, 'whatsapp:+14155238886') }, { clock });
  await addConsoleUser(service.database.db, 'ana@example.com', 'supervisor', 'Ana');
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await fake?.close();
});

/** A Colombian debtor with a consented WhatsApp address, an account and an open conversation; returns the conversation id. */
async function debtorWithConversation(key: string, o: { dispute?: boolean; creditor?: string } = {}): Promise<string> {
  const db = service.database.db;
  const address = `+5730000${key}`;
  const debtor = await db
    .insertInto('debtors')
    .values({ externalId: `PANEL-${key}`, firstName: 'Camila', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO', profile: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('contactPoints').values({ debtorId: debtor.id, channel: 'whatsapp', address, consent: true }).execute();
  const account = await db
    .insertInto('accounts')
    .values({ debtorId: debtor.id, externalId: `ACC-${key}`, creditor: o.creditor ?? 'Financiera Sol', product: 'card', currency: 'COP', balanceMinor: 100_000, dueDate: '2026-12-20' })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (o.dispute) await db.insertInto('disputes').values({ accountId: account.id, reasonCode: 'not_mine' }).execute();
  const conversation = await db
    .insertInto('conversations')
    .values({ debtorId: debtor.id, channel: 'whatsapp', address, flowId: 'collections-es', flowVersion: 'v1', state: 'menu', status: 'active', handoff: false, updatedAt: clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return conversation.id;
}

/** The side panel's "Next proactive message" section as text. */
async function nextContactOf(conversationId: string): Promise<string> {
  const { agent } = await signIn(service.url, 'ana@example.com');
  const page = await agent.get(`/console/conversations/${conversationId}`);
  expect(page.status).toBe(200);
  const section = /<section aria-labelledby="next-contact"[^>]*>([\s\S]*?)<\/section>/.exec(page.text)?.[1] ?? '';
  return section.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ').trim();
}

describe('conversation side panel: the next proactive message', () => {
  it("shows the next allowed moment on the debtor's clock, with the rule that blocks one now", async () => {
    const text = await nextContactOf(await debtorWithConversation('01'));
    expect(text).toContain('Not before Mon 2026-12-07 07:00 America/Bogota (in 36 h 30 min).');
    expect(text).toContain("outside the contact hours (the law's or the creditor's) in the debtor's time zone COMPLIANCE.QUIET_HOURS");
    // Banco Andino's own rules (flows/compliance/creditors) close Saturdays and open at 8:00.
    const bank = await nextContactOf(await debtorWithConversation('04', { creditor: 'Banco Andino' }));
    expect(bank).toContain('Not before Mon 2026-12-07 08:00 America/Bogota');
    expect(bank).toContain("no contact on this day of the week (the law's or the creditor's rules) COMPLIANCE.CLOSED_DAY");
  });

  it('says when nothing but a change of status releases it (an open dispute)', async () => {
    const text = await nextContactOf(await debtorWithConversation('02', { dispute: true }));
    expect(text).toContain('Not allowed, and no waiting releases it.');
    expect(text).toContain('an account is in dispute: proactive collection is paused COMPLIANCE.DISPUTE_PAUSE');
  });

  it('says a message may go now inside the contact hours', async () => {
    const id = await debtorWithConversation('03');
    clock.set(new Date('2026-12-07T15:00:00Z'));
    try {
      expect(await nextContactOf(id)).toContain('Allowed now (Mon 2026-12-07 10:00 America/Bogota).');
    } finally {
      clock.set(new Date('2026-12-05T23:30:00Z'));
    }
  });
});

/**
 * Opens the console's live feed as the browser does: `next()` resolves with the data of the next `change` event,
 * `changedFrom(v)` with the first whose version is not `v` (the feed's first poll may repeat the version it opened with).
 */
async function openLiveFeed(cookie: string): Promise<{ next: () => Promise<{ version: string }>; changedFrom: (version: string) => Promise<string>; close: () => void }> {
  const abort = new AbortController();
  const res = await fetch(`${service.url}/console/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no event stream');
  const decoder = new TextDecoder();
  let buffered = '';
  const next = async (): Promise<{ version: string }> => {
    for (;;) {
      const match = /event: change\ndata: (.*)\n\n/.exec(buffered);
      if (match?.[1]) {
        buffered = buffered.slice(match.index + match[0].length);
        return JSON.parse(match[1]);
      }
      const chunk = await reader.read();
      if (chunk.done) throw new Error('the event stream ended');
      buffered += decoder.decode(chunk.value, { stream: true });
    }
  };
  const changedFrom = async (version: string): Promise<string> => {
    for (;;) {
      const event = await next();
      if (event.version !== version) return event.version;
    }
  };
  return { next, changedFrom, close: () => abort.abort() };
}

/** A WhatsApp conversation with the bot whose last outbound message is the outbox row returned (status as given). */
async function conversationWithOutbound(key: string, outbox: { status: 'sent' | 'sending'; providerMessageId?: string }) {
  const db = service.database.db;
  const conversationId = await debtorWithConversation(key);
  const conversation = await db.selectFrom('conversations').select(['id', 'address']).where('id', '=', conversationId).executeTakeFirstOrThrow();
  const message = await db.insertInto('messages').values({ conversationId, direction: 'out', body: 'Tu saldo pendiente es de $ 100.000', status: outbox.status, createdAt: clock.now() }).returning('id').executeTakeFirstOrThrow();
  const row = await db
    .insertInto('outbox')
    .values({
      conversationId, messageId: message.id, channel: 'whatsapp', toAddress: conversation.address, body: 'Tu saldo pendiente es de $ 100.000', purpose: 'reply',
      status: outbox.status, providerMessageId: outbox.providerMessageId ?? null, attempts: 1, nextAttemptAt: clock.now(),
      // A claim no sender of this service holds or may take over during the test.
      lockedUntil: new Date(clock.now().getTime() + 3_600_000),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.updateTable('messages').set({ outboxId: row.id }).where('id', '=', message.id).execute();
  return { conversationId, row };
}

describe('failed deliveries appear live', () => {
  it('pushes a change when a status callback reports a failure; the transcript and the inbox show it with the reason', async () => {
    const sid = newMessageSid();
    const { conversationId } = await conversationWithOutbound('10', { status: 'sent', providerMessageId: sid });
    const { agent } = await signIn(service.url, 'ana@example.com');
    const cookie = (await agent.get('/console/inbox')).request.cookies;
    const feed = await openLiveFeed(cookie);
    try {
      const before = await feed.next();
      const params = { MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30003', AccountSid: fake.accountSid };
      const callback = await fetch(`${service.url}/webhooks/twilio/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(fake.authToken, `${testPublicBaseUrl}/webhooks/twilio/status`, params) },
        body: new URLSearchParams(params).toString(),
      });
      expect(callback.status).toBe(204);
      expect(await feed.changedFrom(before.version)).not.toBe(before.version);
    } finally {
      feed.close();
    }
    const transcript = await agent.get(`/console/conversations/${conversationId}?fragment=transcript`);
    expect(transcript.text).toMatch(/not delivered<\/span><span class="failure"> — the phone is unreachable \(off or out of coverage\)<\/span> \(TWILIO\.30003\)/);
    const inbox = await agent.get('/console/inbox?tab=bot&fragment=list');
    expect(inbox.text).toContain('Not delivered: the phone is unreachable (off or out of coverage)');
  });

  it('pushes a change when a send fails for good', async () => {
    const { conversationId, row } = await conversationWithOutbound('11', { status: 'sending' });
    const { agent } = await signIn(service.url, 'ana@example.com');
    const feed = await openLiveFeed((await agent.get('/console/inbox')).request.cookies);
    try {
      const before = await feed.next();
      clock.advance(1000);
      expect(await recordSendOutcome(service.database.db, row, { status: 'failed', errorCode: 'TWILIO.INVALID_RECIPIENT', finalReason: 'PERMANENT' }, clock.now())).toBe(true);
      expect(await feed.changedFrom(before.version)).not.toBe(before.version);
    } finally {
      feed.close();
    }
    const transcript = await agent.get(`/console/conversations/${conversationId}?fragment=transcript`);
    expect(transcript.text).toContain(' — not a valid number</span> (TWILIO.INVALID_RECIPIENT)');
  });
});
