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

  it('maps 429 and 500 to retryable errors and 400 and 401 to final ones', async () => {
    fake.failNext(1, 429);
    expect(await channel('sms').send({ ...message, channel: 'sms' })).toMatchObject({ ok: false, error: { code: 'TWILIO.RATE_LIMITED', retryable: true } });
    fake.failNext(1, 500);
    expect(await channel('sms').send({ ...message, channel: 'sms' })).toMatchObject({ ok: false, error: { code: 'TWILIO.UNAVAILABLE', retryable: true } });
    fake.failNext(1, 400, 21610);
    expect(await channel('sms').send({ ...message, channel: 'sms' })).toMatchObject({ ok: false, error: { code: 'TWILIO.RECIPIENT_OPTED_OUT', retryable: false } });
    const wrongToken = channel('sms', 'ffffffffffffffffffffffffffffffff');
    expect(await wrongToken.send({ ...message, channel: 'sms' })).toMatchObject({ ok: false, error: { code: 'TWILIO.AUTH_FAILED', retryable: false } });
  });

  it('treats an unreachable API as a retryable network error', async () => {
    const other = await startFakeTwilioApi({ accountSid: fake.accountSid, authToken: fake.authToken });
    await other.close();
    const unreachable = createTwilioChannel({ accountSid: fake.accountSid, authToken: fake.authToken, publicBaseUrl: 'https://pacto.example.com', apiBaseUrl: other.url, smsFrom: '+15005550006' }, 'sms');
    expect(await unreachable.send({ ...message, channel: 'sms' })).toMatchObject({ ok: false, error: { code: 'TWILIO.NETWORK_ERROR', retryable: true } });
  });
});
