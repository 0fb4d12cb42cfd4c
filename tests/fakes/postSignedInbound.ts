import { newMessageSid, signTwilioWebhook } from './signTwilioWebhook';
import { testPublicBaseUrl } from './startTestService';

/**
 * Posts one inbound text message to a running service's Twilio webhook, signed with `authToken` for
 * testPublicBaseUrl, as Twilio would (fresh MessageSid, no media). Returns the HTTP status. Does I/O.
 */
export async function postSignedInbound(serviceUrl: string, opts: { authToken: string; accountSid: string; from: string; to: string; body: string }): Promise<number> {
  const params = { MessageSid: newMessageSid(), AccountSid: opts.accountSid, From: opts.from, To: opts.to, Body: opts.body, NumMedia: '0' };
  const res = await fetch(`${serviceUrl}/webhooks/twilio`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(opts.authToken, `${testPublicBaseUrl}/webhooks/twilio`, params) },
    body: new URLSearchParams(params).toString(),
  });
  return res.status;
}
