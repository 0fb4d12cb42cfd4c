import { z } from 'zod';

/** What a valid Twilio inbound-message webhook carries, in our terms. */
export interface TwilioInbound {
  channel: 'sms' | 'whatsapp';
  providerMessageId: string;
  /** E.164 (or short code) without the `whatsapp:` prefix. */
  from: string;
  to: string;
  body: string;
  payload: Record<string, unknown>;
}

const address = z
  .string({ message: 'is required' })
  .regex(/^(whatsapp:)?\+?[0-9A-Za-z]{3,20}$/, 'must be a phone number such as +573001112233 or whatsapp:+573001112233');

const inboundSchema = z.object({
  MessageSid: z.string({ message: 'is required' }).regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'must be a Twilio Message SID (SM + 32 hex digits)'),
  From: address,
  To: address,
  Body: z.string({ message: 'is required' }).max(4096, 'must be at most 4096 characters'),
  AccountSid: z.string().optional(),
  NumMedia: z.string().optional(),
});

export type ParseResult =
  | { ok: true; value: TwilioInbound }
  | { ok: false; error: { code: 'WEBHOOK.INVALID_PAYLOAD'; message: string; details: Array<{ field: string; message: string }> } };

/**
 * Validates a Twilio inbound webhook form body and maps it to channel, sender and text. The `whatsapp:`
 * prefix on From selects the whatsapp channel, otherwise sms. Pure.
 */
export function parseTwilioInbound(form: unknown): ParseResult {
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
  return {
    ok: true,
    value: {
      channel: whatsapp ? 'whatsapp' : 'sms',
      providerMessageId: MessageSid,
      from: From.replace(/^whatsapp:/, ''),
      to: To.replace(/^whatsapp:/, ''),
      body: Body,
      payload: { accountSid: AccountSid, numMedia: NumMedia === undefined ? undefined : Number(NumMedia) },
    },
  };
}
