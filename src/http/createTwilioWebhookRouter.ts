import express from 'express';
import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import type { Logger } from '../observability/createLogger';
import type { Clock } from '../ports/clock';
import { enqueueInbound } from '../pipeline/receive/enqueueInbound';
import type { InboundMessage } from '../pipeline/receive/inboundMessage';
import type { StoredInbound } from '../pipeline/receive/storeInboundMessages';
import { updateDeliveryStatus } from '../pipeline/send/updateDeliveryStatus';
import { parseFormBody } from './parseFormBody';
import { parseTwilioInbound } from './parseTwilioInbound';
import type { TwilioSenders } from './parseTwilioInbound';
import { parseTwilioStatus } from './parseTwilioStatus';
import { sendError } from './sendError';
import { verifyTwilioSignature } from './verifyTwilioSignature';

export interface TwilioWebhookDeps {
  db: Kysely<DB>;
  logger: Logger;
  clock: Clock;
  /** Absent when Twilio is not configured: the routes then answer 404 WEBHOOK.NOT_CONFIGURED. */
  twilio?: { authToken: string; publicBaseUrl: string; senders: TwilioSenders };
  onInboundStored?: () => void;
  /** Stores an inbound message (the service passes its batcher); default enqueueInbound on `db`. */
  enqueue?: (message: InboundMessage) => Promise<StoredInbound>;
  /** Largest accepted form body; Twilio's are a few KB. */
  bodyLimitBytes?: number;
}

const emptyTwiml = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Routes for Twilio: POST /webhooks/twilio (inbound SMS/WhatsApp) and POST /webhooks/twilio/status
 * (delivery callbacks). Order matters: size limit and form parsing, then the signature check, then
 * validation; the inbound row is stored before the 200 empty TwiML goes out. Does DB I/O per request.
 */
export function createTwilioWebhookRouter(deps: TwilioWebhookDeps): express.Router {
  const router = express.Router();
  const settings = deps.twilio;
  if (!settings) {
    router.post(['/webhooks/twilio', '/webhooks/twilio/status'], (_req, res) => {
      sendError(res, { code: 'WEBHOOK.NOT_CONFIGURED', message: 'Twilio is not configured on this server' });
    });
    return router;
  }
  const parseForm = parseFormBody(deps.bodyLimitBytes ?? 64 * 1024);
  const verify = verifyTwilioSignature(settings);
  const enqueue = deps.enqueue ?? ((message: InboundMessage) => enqueueInbound(deps.db, message));

  router.post('/webhooks/twilio', parseForm, verify, async (req, res) => {
    const parsed = parseTwilioInbound(req.body, settings.senders);
    if (!parsed.ok) {
      sendError(res, parsed.error);
      return;
    }
    const { inserted, inboxId } = await enqueue({ ...parsed.value, receivedAt: deps.clock.now() });
    if (inserted) deps.onInboundStored?.();
    deps.logger.debug({ code: inserted ? 'WEBHOOK.INBOUND_STORED' : 'WEBHOOK.INBOUND_DUPLICATE', inboxId, channel: parsed.value.channel });
    // end(), not send(): nothing to negotiate or cache, so no ETag hashed for each webhook.
    res.status(200).type('text/xml').end(emptyTwiml);
  });

  router.post('/webhooks/twilio/status', parseForm, verify, async (req, res) => {
    const parsed = parseTwilioStatus(req.body);
    if (!parsed.ok) {
      sendError(res, parsed.error);
      return;
    }
    await updateDeliveryStatus(deps.db, parsed.value);
    res.status(204).end();
  });

  return router;
}
