import type { WAMessage } from '@whiskeysockets/baileys';
import type { Clock } from '../../../ports/clock';
import type { Logger } from '../../../observability/createLogger';
import type { EnqueueInbound, Timers } from './baileysChannelTypes';
import { extractInbound } from './extractInbound';

export interface InboundHandler {
  /** Queues one 'messages.upsert' batch; messages are stored one at a time, in arrival order. */
  handle(messages: WAMessage[]): void;
  /** Resolves when everything queued so far has been stored (or given up on). */
  drain(): Promise<void>;
}

const STORE_RETRY_DELAYS_MS = [500, 2_000];

/**
 * Turns WhatsApp messages into inbox rows through enqueueInbound (idempotent by message id, so a redelivered
 * message is stored once). Baileys has already acknowledged a message when we see it, so a failed store is retried
 * a couple of times before it is logged as lost. Does database I/O through enqueueInbound.
 */
export function createInboundHandler(deps: {
  enqueueInbound: EnqueueInbound;
  logger: Logger;
  clock: Clock;
  timers: Timers;
}): InboundHandler {
  let queue: Promise<void> = Promise.resolve();

  async function store(msg: WAMessage): Promise<void> {
    const result = extractInbound(msg);
    const providerMessageId = msg.key.id ?? null;
    if (result.kind === 'skip') {
      deps.logger.debug({ code: 'BAILEYS.INBOUND_SKIPPED', reason: result.reason, providerMessageId }, 'message ignored');
      return;
    }
    const { inbound } = result;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const stored = await deps.enqueueInbound({
          channel: 'baileys',
          providerMessageId: inbound.providerMessageId,
          from: inbound.from,
          body: inbound.body,
          receivedAt: inbound.receivedAt ?? deps.clock.now(),
          payload: { ...inbound.payload },
        });
        const code = stored.inserted ? 'BAILEYS.INBOUND_STORED' : 'BAILEYS.INBOUND_DUPLICATE';
        deps.logger.info({ code, providerMessageId, inboxId: stored.inboxId, kind: inbound.payload.kind }, 'inbound message');
        return;
      } catch (error) {
        const delay = STORE_RETRY_DELAYS_MS[attempt];
        const err = error instanceof Error ? error.message : String(error);
        if (delay === undefined) {
          deps.logger.error({ code: 'BAILEYS.INBOUND_STORE_FAILED', providerMessageId, err }, 'inbound message lost');
          return;
        }
        deps.logger.warn({ code: 'BAILEYS.INBOUND_STORE_RETRY', providerMessageId, attempt, err }, 'retrying store');
        await new Promise<void>((resolve) => deps.timers.schedule(resolve, delay));
      }
    }
  }

  return {
    handle(messages) {
      queue = queue
        .then(async () => {
          for (const msg of messages) await store(msg);
        })
        .catch((error: unknown) => {
          // A bug in extraction must not wedge the queue for every later message.
          const err = error instanceof Error ? error.message : String(error);
          deps.logger.error({ code: 'BAILEYS.INBOUND_BUG', err }, 'inbound batch failed');
        });
    },
    drain: () => queue,
  };
}
