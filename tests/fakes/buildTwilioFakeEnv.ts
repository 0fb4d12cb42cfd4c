import type { FakeTwilioApi } from './fakeTwilioApi';
import { testPublicBaseUrl } from './startTestService';

/**
 * The environment variables that point a service's Twilio client at `fake` and sign webhooks for testPublicBaseUrl.
 * With `via`, the client calls through `${fake.url}/via/<via>` so the fake can tell several processes apart. No I/O.
 */
export function buildTwilioFakeEnv(fake: FakeTwilioApi, whatsappFrom: string, via?: string): Record<string, string> {
  return {
    PUBLIC_BASE_URL: testPublicBaseUrl,
    TWILIO_ACCOUNT_SID: fake.accountSid,
    TWILIO_AUTH_TOKEN: fake.authToken,
    TWILIO_API_BASE_URL: via === undefined ? fake.url : `${fake.url}/via/${via}`,
    TWILIO_WHATSAPP_FROM: whatsappFrom,
  };
}
