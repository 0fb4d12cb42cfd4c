import { z } from 'zod';
import { stripInvalidCharacters } from '../core/text/invalidCharacters';

/** What a valid Twilio inbound-message webhook carries, in our terms. */
export interface TwilioInbound {
  channel: 'sms' | 'whatsapp';
  providerMessageId: string;
  /** E.164 without the `whatsapp:` prefix. */
  from: string;
  to: string;
  /** The text, without characters no stored text may hold (a NUL byte would lose the message); '' for media only. */
  body: string;
  payload: Record<string, unknown>;
}

/** The senders this service answers from (TWILIO_SMS_FROM, TWILIO_WHATSAPP_FROM); a message to any other number is refused. */
export interface TwilioSenders {
  sms?: string;
  whatsapp?: string;
}

const inboundSchema = z
  .object({
    MessageSid: z.string({ message: 'is required' }).regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'must be a Twilio Message SID (SM + 32 hex digits)'),
    From: z.string({ message: 'is required' }).regex(/^(whatsapp:)?\+[1-9][0-9]{6,14}$/, 'must be a phone number in E.164 such as +573001112233 or whatsapp:+573001112233'),
    To: z.string({ message: 'is required' }).regex(/^(whatsapp:)?(\+[1-9][0-9]{6,14}|[0-9]{3,8})$/, 'must be a phone number such as +15005550006 or whatsapp:+14155238886, or a short code'),
    Body: z.string().max(4096, 'must be at most 4096 characters').optional(),
    AccountSid: z.string().optional(),
    NumMedia: z.string().regex(/^[0-9]{1,2}$/, 'must be the number of media items').optional(),
  })
  .refine((form) => form.Body !== undefined || Number(form.NumMedia ?? '0') > 0, { message: 'is required (a message without media needs text)', path: ['Body'] });

export type ParseResult =
  | { ok: true; value: TwilioInbound }
  | { ok: false; error: { code: 'WEBHOOK.INVALID_PAYLOAD' | 'WEBHOOK.UNKNOWN_RECIPIENT'; message: string; details: Array<{ field: string; message: string }> } };

/**
 * Validates a Twilio inbound webhook form body and maps it to channel, sender and text. The `whatsapp:` prefix on
 * From selects the whatsapp channel, otherwise sms. From must be a phone number; To must be this service's sender on
 * that channel (`senders`), else WEBHOOK.UNKNOWN_RECIPIENT. A media-only message (NumMedia > 0, no Body) is a message
 * with an empty body and `payload.numMedia`. Invalid characters are stripped from the body. Pure.
 */
export function parseTwilioInbound(form: unknown, senders: TwilioSenders): ParseResult {
  const parsed = inboundSchema.safeParse(form ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
    return { ok: false, error: { code: 'WEBHOOK.INVALID_PAYLOAD', message: details.map((d) => `${d.field} ${d.message}`).join('; '), details } };
  }
  const { MessageSid, From, To, Body, AccountSid, NumMedia } = parsed.data;
  const whatsapp = From.startsWith('whatsapp:');
  if (whatsapp !== To.startsWith('whatsapp:')) {
    const message = 'must use the same channel prefix as From (both whatsapp: or neither)';
    return { ok: false, error: { code: 'WEBHOOK.INVALID_PAYLOAD', message: `To ${message}`, details: [{ field: 'To', message }] } };
  }
  const channel = whatsapp ? 'whatsapp' : 'sms';
  const to = To.replace(/^whatsapp:/, '');
  const ours = senders[channel]?.replace(/^whatsapp:/, '');
  if (ours !== to) {
    const message = `is not this service's ${channel} sender: the message is not for us and is not answered`;
    return { ok: false, error: { code: 'WEBHOOK.UNKNOWN_RECIPIENT', message: `To ${message}`, details: [{ field: 'To', message }] } };
  }
  return {
    ok: true,
    value: {
      channel,
      providerMessageId: MessageSid,
      from: From.replace(/^whatsapp:/, ''),
      to,
      body: stripInvalidCharacters(Body ?? ''),
      payload: { accountSid: AccountSid, numMedia: NumMedia === undefined ? undefined : Number(NumMedia) },
    },
  };
}
