import { z } from 'zod';

export interface ChannelError {
  code: string;
  message: string;
  retryable: boolean;
}

const restError = z.object({ status: z.number(), code: z.number().optional(), message: z.string().optional() });
const networkError = z.object({ code: z.string() });

/** Twilio error codes that mean "this recipient cannot get this message"; retrying will not help. */
const recipientCodes: Record<number, string> = {
  21211: 'TWILIO.INVALID_RECIPIENT',
  21614: 'TWILIO.INVALID_RECIPIENT',
  21408: 'TWILIO.REGION_NOT_ENABLED',
  21610: 'TWILIO.RECIPIENT_OPTED_OUT',
  63016: 'TWILIO.OUTSIDE_WHATSAPP_WINDOW',
};

/**
 * Turns whatever the twilio client threw (RestException, axios network error, anything else) into a
 * channel error with a stable code and whether the outbox should retry. Pure.
 */
export function mapTwilioError(error: unknown): ChannelError {
  const rest = restError.safeParse(error);
  if (rest.success) {
    const { status, code } = rest.data;
    const detail = `Twilio answered HTTP ${status}${code ? ` (error ${code})` : ''}`;
    if (status === 429) return { code: 'TWILIO.RATE_LIMITED', message: detail, retryable: true };
    if (status >= 500) return { code: 'TWILIO.UNAVAILABLE', message: detail, retryable: true };
    if (status === 401 || status === 403) return { code: 'TWILIO.AUTH_FAILED', message: detail, retryable: false };
    const specific = code === undefined ? undefined : recipientCodes[code];
    return { code: specific ?? 'TWILIO.REJECTED', message: detail, retryable: false };
  }
  const network = networkError.safeParse(error);
  if (network.success) {
    return { code: 'TWILIO.NETWORK_ERROR', message: `network error ${network.data.code}`, retryable: true };
  }
  // Unknown failures are treated as transient: a later attempt is cheaper than a lost message.
  return { code: 'TWILIO.UNKNOWN_ERROR', message: error instanceof Error ? error.message : String(error), retryable: true };
}
