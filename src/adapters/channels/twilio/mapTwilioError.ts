import { z } from 'zod';
import type { SendFailure } from '../../../ports/channel';

const restError = z.object({ status: z.number(), code: z.number().optional(), message: z.string().optional(), retryAfterMs: z.number().optional() });
const networkError = z.object({ code: z.string() });

/** Twilio error codes that mean "this recipient cannot get this message"; retrying will not help. */
const recipientCodes: Record<number, string> = {
  21211: 'TWILIO.INVALID_RECIPIENT',
  21614: 'TWILIO.INVALID_RECIPIENT',
  21408: 'TWILIO.REGION_NOT_ENABLED',
  21610: 'TWILIO.RECIPIENT_OPTED_OUT',
  63016: 'TWILIO.OUTSIDE_WHATSAPP_WINDOW',
};

/** Connection errors raised before the request could reach Twilio: nothing was accepted. */
const notSent = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** The request may have reached Twilio and been accepted without an answer coming back. */
const timedOut = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/**
 * Turns whatever the twilio client threw (TwilioHttpError or RestException, axios network error, anything else) into
 * a channel failure: a stable code, its kind (rate limited, unavailable, timeout, permanent), Twilio's Retry-After,
 * and whether Twilio may have accepted the message anyway (timeouts, broken connections, 5xx). Pure.
 */
export function mapTwilioError(error: unknown): SendFailure {
  const rest = restError.safeParse(error);
  if (rest.success) {
    const { status, code, retryAfterMs } = rest.data;
    const detail = `Twilio answered HTTP ${status}${code ? ` (error ${code})` : ''}`;
    const wait = retryAfterMs === undefined ? {} : { retryAfterMs };
    if (status === 429) return { code: 'TWILIO.RATE_LIMITED', message: detail, retryable: true, kind: 'rate_limited', ...wait };
    if (status >= 500) return { code: 'TWILIO.UNAVAILABLE', message: detail, retryable: true, kind: 'unavailable', unconfirmed: true, ...wait };
    // Our credentials refused: the account's problem, not this message's; it may be fixed within the retry budget.
    if (status === 401 || status === 403) return { code: 'TWILIO.AUTH_FAILED', message: detail, retryable: true, kind: 'unavailable' };
    const specific = code === undefined ? undefined : recipientCodes[code];
    return { code: specific ?? 'TWILIO.REJECTED', message: detail, retryable: false, kind: 'permanent' };
  }
  const network = networkError.safeParse(error);
  if (network.success) {
    const errno = network.data.code;
    if (notSent.has(errno)) return { code: 'TWILIO.NETWORK_ERROR', message: `network error ${errno}`, retryable: true, kind: 'unavailable' };
    return { code: timedOut.has(errno) ? 'TWILIO.TIMEOUT' : 'TWILIO.NETWORK_ERROR', message: `network error ${errno}`, retryable: true, kind: 'timeout', unconfirmed: true };
  }
  // Unknown failures are treated as transient and possibly accepted: a later, checked attempt beats a lost message.
  return { code: 'TWILIO.UNKNOWN_ERROR', message: error instanceof Error ? error.message : String(error), retryable: true, kind: 'timeout', unconfirmed: true };
}
