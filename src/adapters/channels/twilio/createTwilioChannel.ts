import twilio from 'twilio';
import type { AcceptedMessage, Channel, ListAcceptedResult, OutboundMessage, SendResult } from '../../../ports/channel';
import { createTwilioRequestClient } from './createTwilioRequestClient';
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

/** Messages read back when checking what Twilio accepted: one page, newest first (a debtor's last replies). */
const LIST_PAGE_SIZE = 50;

/**
 * Creates the Channel for `kind` ('sms' or 'whatsapp') backed by the official twilio client.
 * Building it does no I/O; send() and listAccepted() make one REST call each and never throw for
 * expected failures: Twilio errors become `{ ok: false, error: { code, kind, retryAfterMs … } }` for the outbox. A
 * message with `content` (set by the compliance gate when the WhatsApp window is closed) goes as that approved
 * template (contentSid and contentVariables) instead of its body.
 */
export function createTwilioChannel(settings: TwilioChannelSettings, kind: 'sms' | 'whatsapp'): Channel {
  const from = kind === 'sms' ? settings.smsFrom : settings.whatsappFrom;
  if (!from) throw new Error(`createTwilioChannel: no sender configured for ${kind}`);
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const client = twilio(settings.accountSid, settings.authToken, {
    autoRetry: false,
    timeout: timeoutMs,
    httpClient: createTwilioRequestClient({ timeoutMs, ...(settings.apiBaseUrl ? { baseUrl: settings.apiBaseUrl } : {}) }),
  });
  // Concatenated, not resolved: a path prefix in PUBLIC_BASE_URL (a proxy mount) must be kept.
  const statusCallback = `${settings.publicBaseUrl.replace(/\/+$/, '')}/webhooks/twilio/status`;

  const address = (to: string) => (kind === 'whatsapp' ? `whatsapp:${to.replace(/^whatsapp:/, '')}` : to);

  async function send(message: OutboundMessage): Promise<SendResult> {
    const to = address(message.to);
    try {
      // Outside WhatsApp's 24-hour window only an approved template may go (Content API): never the free text.
      const what = kind === 'whatsapp' && message.content ? { contentSid: message.content.sid, contentVariables: JSON.stringify(message.content.variables) } : { body: message.body };
      const created = await client.messages.create({ from, to, ...what, statusCallback });
      return { ok: true, providerId: created.sid, status: created.status };
    } catch (error) {
      return { ok: false, error: mapTwilioError(error) };
    }
  }

  /**
   * Lists what Twilio accepted from our sender to `to`, newest first, down to `since`. Filtered by date_created here,
   * not with DateSent: a message Twilio accepted but still queues has no DateSent yet, and it is exactly the one to find.
   */
  async function listAccepted(query: { to: string; since: Date }): Promise<ListAcceptedResult> {
    try {
      const found = await client.messages.list({ to: address(query.to), from, pageSize: LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE });
      // Twilio's dates have whole seconds: compare from the start of since's second.
      const since = Math.floor(query.since.getTime() / 1000) * 1000;
      const messages: AcceptedMessage[] = found
        .filter((m) => m.dateCreated && m.dateCreated.getTime() >= since)
        .map((m) => ({ providerId: m.sid, body: m.body ?? '', status: m.status, createdAt: m.dateCreated }));
      return { ok: true, messages };
    } catch (error) {
      return { ok: false, error: mapTwilioError(error) };
    }
  }

  return { kind, send, listAccepted };
}
