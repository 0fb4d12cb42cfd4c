import { z } from 'zod';

const statusSchema = z.object({
  MessageSid: z.string({ message: 'is required' }).regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'must be a Twilio Message SID (SM + 32 hex digits)'),
  MessageStatus: z.enum(
    ['accepted', 'scheduled', 'canceled', 'queued', 'sending', 'sent', 'failed', 'delivered', 'undelivered', 'receiving', 'received', 'read', 'partially_delivered'],
    { message: 'is required and must be a Twilio message status' },
  ),
  ErrorCode: z.string().regex(/^\d+$/, 'must be a numeric Twilio error code').optional(),
});

export type StatusParseResult =
  | { ok: true; value: { providerMessageId: string; status: string; errorCode?: string } }
  | { ok: false; error: { code: 'WEBHOOK.INVALID_PAYLOAD'; message: string; details: Array<{ field: string; message: string }> } };

/** Validates a Twilio status callback form body (MessageSid, MessageStatus, optional ErrorCode). Pure. */
export function parseTwilioStatus(form: unknown): StatusParseResult {
  const parsed = statusSchema.safeParse(form ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
    return { ok: false, error: { code: 'WEBHOOK.INVALID_PAYLOAD', message: details.map((d) => `${d.field} ${d.message}`).join('; '), details } };
  }
  const { MessageSid, MessageStatus, ErrorCode } = parsed.data;
  return {
    ok: true,
    value: { providerMessageId: MessageSid, status: MessageStatus, ...(ErrorCode ? { errorCode: `TWILIO.${ErrorCode}` } : {}) },
  };
}
