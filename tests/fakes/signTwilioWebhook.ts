import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

/**
 * Signs a webhook the way Twilio does, with the twilio package's own getExpectedTwilioSignature:
 * HMAC-SHA1 over the full public URL followed by the sorted form fields. Pure.
 */
export function signTwilioWebhook(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/** A fresh Twilio-looking Message SID (SM + 32 hex digits). */
export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}
