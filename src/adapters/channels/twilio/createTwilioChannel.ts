import twilio from 'twilio';
import type { Channel, OutboundMessage, SendResult } from '../../../ports/channel';
import { createRedirectingRequestClient } from './createRedirectingRequestClient';
import { mapTwilioError } from './mapTwilioError';

export interface TwilioChannelSettings {
  accountSid: string;
  authToken: string;
  /** Public URL of this service; status callbacks go to PUBLIC_BASE_URL + /webhooks/twilio/status. */
  publicBaseUrl: string;
  /** When set, every REST call goes here instead of api.twilio.com (a proxy, or a local fake in tests). */
  apiBaseUrl?: string;
  /** E.164 sender for SMS (TWILIO_SMS_FROM). */
  smsFrom?: string;
  /** `whatsapp:+…` sender (TWILIO_WHATSAPP_FROM). */
  whatsappFrom?: string;
  timeoutMs?: number;
}

/**
 * Creates the Channel for `kind` ('sms' or 'whatsapp') backed by the official twilio client.
 * Building it does no I/O; send() makes one REST call and never throws for expected failures:
 * Twilio errors become `{ ok: false, error: { code, retryable } }` for the outbox to act on. A message with `content`
 * (set by the compliance gate when the WhatsApp window is closed) goes as that approved template (contentSid and
 * contentVariables) instead of its body.
 */
export function createTwilioChannel(settings: TwilioChannelSettings, kind: 'sms' | 'whatsapp'): Channel {
  const from = kind === 'sms' ? settings.smsFrom : settings.whatsappFrom;
  if (!from) throw new Error(`createTwilioChannel: no sender configured for ${kind}`);
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const client = twilio(settings.accountSid, settings.authToken, {
    autoRetry: false,
    timeout: timeoutMs,
    ...(settings.apiBaseUrl ? { httpClient: createRedirectingRequestClient(settings.apiBaseUrl, { timeoutMs }) } : {}),
  });
  // Concatenated, not resolved: a path prefix in PUBLIC_BASE_URL (a proxy mount) must be kept.
  const statusCallback = `${settings.publicBaseUrl.replace(/\/+$/, '')}/webhooks/twilio/status`;

  async function send(message: OutboundMessage): Promise<SendResult> {
    const to = kind === 'whatsapp' ? `whatsapp:${message.to.replace(/^whatsapp:/, '')}` : message.to;
    try {
      // Outside WhatsApp's 24-hour window only an approved template may go (Content API): never the free text.
      const what = kind === 'whatsapp' && message.content ? { contentSid: message.content.sid, contentVariables: JSON.stringify(message.content.variables) } : { body: message.body };
      const created = await client.messages.create({ from, to, ...what, statusCallback });
      return { ok: true, providerId: created.sid, status: created.status };
    } catch (error) {
      return { ok: false, error: mapTwilioError(error) };
    }
  }

  return { kind, send };
}
