import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwilioChannel } from '../../../src/adapters/channels/twilio/createTwilioChannel';
import { startFakeTwilioApi } from '../../fakes/fakeTwilioApi';
import type { FakeTwilioApi } from '../../fakes/fakeTwilioApi';

let fake: FakeTwilioApi;
beforeAll(async () => {
  fake = await startFakeTwilioApi();
});
afterAll(async () => {
  await fake?.close();
});

function channel(kind: 'sms' | 'whatsapp', authToken = fake.authToken) {
  return createTwilioChannel(
    { accountSid: fake.accountSid, authToken, publicBaseUrl: 'https://pacto.example.com/base', apiBaseUrl: fake.url, smsFrom: '+15005550006', whatsappFrom: 'whatsapp:+14155238886' },
    kind,
  );
}

const message = { outboxId: 'o-1', to: '+573001112233', body: 'Hola María' };

describe('createTwilioChannel with the official client pointed at TWILIO_API_BASE_URL', () => {
  it('sends WhatsApp with whatsapp: prefixes and PUBLIC_BASE_URL (with its path) + /webhooks/twilio/status as callback', async () => {
    const result = await channel('whatsapp').send({ ...message, channel: 'whatsapp' });
    expect(result).toMatchObject({ ok: true, status: 'queued' });
    const sent = fake.messages.at(-1);
    expect(result.ok && result.providerId).toBe(sent?.sid);
    expect(sent).toMatchObject({ to: 'whatsapp:+573001112233', from: 'whatsapp:+14155238886', body: 'Hola María', statusCallback: 'https://pacto.example.com/base/webhooks/twilio/status' });
  });

  it('sends SMS from the SMS number without prefixes', async () => {
    await channel('sms').send({ ...message, channel: 'sms' });
    expect(fake.messages.at(-1)).toMatchObject({ to: '+573001112233', from: '+15005550006' });
  });

  it('maps 429 (with Retry-After), 500 and 401 to retryable errors of their kind, and 400 to a permanent one', async () => {
    fake.failNext(1, 429, undefined, 7);
    expect(await channel('sms').send({ ...message, channel: 'sms' })).toMatchObject({ ok: false, error: { code: 'TWILIO.RATE_LIMITED', retryable: true, kind: 'rate_limited', retryAfterMs: 7_000 } });
    fake.failNext(1, 500);
    expect(await channel('sms').send({ ...message, channel: 'sms' })).toMatchObject({ ok: false, error: { code: 'TWILIO.UNAVAILABLE', retryable: true, kind: 'unavailable', unconfirmed: true } });
    fake.failNext(1, 400, 21610);
    expect(await channel('sms').send({ ...message, channel: 'sms' })).toMatchObject({ ok: false, error: { code: 'TWILIO.RECIPIENT_OPTED_OUT', retryable: false, kind: 'permanent' } });
    fake.setFault({ kind: 'permanent' });
    expect(await channel('sms').send({ ...message, channel: 'sms' })).toMatchObject({ ok: false, error: { code: 'TWILIO.INVALID_RECIPIENT', kind: 'permanent' } });
    fake.setFault(undefined);
    // Our own credentials refused: the account's problem, which an operator may fix within the retry budget.
    const wrongToken = channel('sms', 'ffffffffffffffffffffffffffffffff');
    expect(await wrongToken.send({ ...message, channel: 'sms' })).toMatchObject({ ok: false, error: { code: 'TWILIO.AUTH_FAILED', retryable: true, kind: 'unavailable' } });
  });

  it('times out on a Twilio that does not answer, as a failure that may have been accepted', async () => {
    const quick = createTwilioChannel(
      { accountSid: fake.accountSid, authToken: fake.authToken, publicBaseUrl: 'https://pacto.example.com', apiBaseUrl: fake.url, smsFrom: '+15005550006', timeoutMs: 300 },
      'sms',
    );
    fake.setFault({ kind: 'hang', accept: true });
    const result = await quick.send({ ...message, to: '+573009990001', channel: 'sms' });
    fake.setFault(undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'TWILIO.TIMEOUT', kind: 'timeout', unconfirmed: true } });
    // Twilio took it all the same: the list call (To, From, newest first) shows it, as the real API does.
    const listed = await quick.listAccepted?.({ to: '+573009990001', since: new Date(Date.now() - 60_000) });
    expect(listed).toMatchObject({ ok: true, messages: [{ body: 'Hola María', status: 'sent' }] });
    expect(listed?.ok && listed.messages[0]?.providerId).toBe(fake.messages.find((m) => m.to === '+573009990001')?.sid);
  });

  it('lists what was accepted for that address from our sender since the given moment, newest first', async () => {
    const sms = channel('sms');
    const start = new Date();
    await sms.send({ ...message, to: '+573009990002', body: 'uno', channel: 'sms' });
    await sms.send({ ...message, to: '+573009990002', body: 'dos', channel: 'sms' });
    await sms.send({ ...message, to: '+573009990003', body: 'otro', channel: 'sms' });
    const listed = await sms.listAccepted?.({ to: '+573009990002', since: new Date(start.getTime() - 60_000) });
    expect(listed?.ok && listed.messages.map((m) => m.body)).toEqual(['dos', 'uno']);
    const later = await sms.listAccepted?.({ to: '+573009990002', since: new Date(start.getTime() + 60_000) });
    expect(later?.ok && later.messages).toEqual([]);
    fake.failNext(1, 500);
    expect(await sms.listAccepted?.({ to: '+573009990002', since: start })).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });

  it('treats an unreachable API as a retryable network error', async () => {
    const other = await startFakeTwilioApi({ accountSid: fake.accountSid, authToken: fake.authToken });
    await other.close();
    const unreachable = createTwilioChannel({ accountSid: fake.accountSid, authToken: fake.authToken, publicBaseUrl: 'https://pacto.example.com', apiBaseUrl: other.url, smsFrom: '+15005550006' }, 'sms');
    expect(await unreachable.send({ ...message, channel: 'sms' })).toMatchObject({ ok: false, error: { code: 'TWILIO.NETWORK_ERROR', retryable: true, kind: 'unavailable' } });
  });
});
