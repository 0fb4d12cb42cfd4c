import type { RequestHandler } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { sendError } from './sendError';

const formParams = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/**
 * Express middleware that checks `X-Twilio-Signature` with the official twilio package. The URL is
 * PUBLIC_BASE_URL + the original path and query, because behind a proxy or tunnel that public URL is
 * what Twilio signed, not the host this process sees. Must run after express.urlencoded(). Pure CPU.
 */
export function verifyTwilioSignature(options: { authToken: string; publicBaseUrl: string }): RequestHandler {
  const base = options.publicBaseUrl.replace(/\/+$/, '');
  return (req, res, next) => {
    const header = req.get('x-twilio-signature');
    const params = formParams.safeParse(req.body ?? {});
    const valid =
      header !== undefined &&
      params.success &&
      twilio.validateRequest(options.authToken, header, `${base}${req.originalUrl}`, params.data);
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
