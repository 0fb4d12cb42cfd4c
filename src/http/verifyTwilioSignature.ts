import type { RequestHandler } from 'express';
import twilio from 'twilio';
import { sendError } from './sendError';


/**
 * Express middleware that checks `X-Twilio-Signature` with the official twilio package. The URL is
 * PUBLIC_BASE_URL + the original path and query, because behind a proxy or tunnel that public URL is
 * what Twilio signed, not the host this process sees. Must run after a form parser (parseFormBody). Pure CPU.
 */
export function verifyTwilioSignature(options: { authToken: string; publicBaseUrl: string }): RequestHandler {
  const base = options.publicBaseUrl.replace(/\/+$/, '');
  return (req, res, next) => {
    const header = req.get('x-twilio-signature');
    const params: unknown = req.body ?? {};
    const valid = header !== undefined && isFormParams(params) && twilio.validateRequest(options.authToken, header, `${base}${req.originalUrl}`, params);
    if (!valid) {
      sendError(res, {
        code: 'WEBHOOK.BAD_SIGNATURE',
        message: header === undefined ? 'Missing X-Twilio-Signature header' : 'X-Twilio-Signature does not match this request',
      });
      return;
    }
    next();
  };
}

/** A parsed form: every value a string or a list of strings (what parseFormBody gives). */
function isFormParams(value: unknown): value is Record<string, string | string[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const field of Object.values(value)) {
    if (typeof field === 'string') continue;
    if (!Array.isArray(field) || !field.every((item) => typeof item === 'string')) return false;
  }
  return true;
}
