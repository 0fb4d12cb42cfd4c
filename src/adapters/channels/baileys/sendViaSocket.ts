import { z } from 'zod';
import type { OutboundMessage, SendResult } from '../../../ports/channel';
import type { BaileysSocket } from './baileysChannelTypes';
import { toBaileysJid } from './toBaileysJid';

const boomLike = z.object({ output: z.object({ statusCode: z.number() }) });

/** Status codes after which the same send will not succeed by retrying. */
const PERMANENT_CODES = new Set([400, 401, 403, 404, 406]);

/**
 * Sends one text message on an open socket and returns the WhatsApp message id as providerId. No socket means
 * not connected (retryable: the outbox sender tries again later); bad addresses and auth failures are permanent.
 * Does network I/O through the socket.
 */
export async function sendViaSocket(socket: BaileysSocket | undefined, message: OutboundMessage): Promise<SendResult> {
  if (!socket) {
    return fail('BAILEYS.NOT_CONNECTED', 'WhatsApp Web is not connected', true);
  }
  const target = toBaileysJid(message.to);
  if (!target.ok) return fail(target.error.code, target.error.message, false);
  try {
    const sent = await socket.sendMessage(target.jid, { text: message.body });
    const id = sent?.key.id;
    if (!id) return fail('BAILEYS.NO_MESSAGE_ID', 'Baileys returned no message key', true);
    return { ok: true, providerId: id, status: 'sent' };
  } catch (error) {
    const parsed = boomLike.safeParse(error);
    const statusCode = parsed.success ? parsed.data.output.statusCode : undefined;
    const detail = error instanceof Error ? error.message : 'unknown error';
    if (statusCode !== undefined && PERMANENT_CODES.has(statusCode)) {
      return fail('BAILEYS.REJECTED', `WhatsApp refused the message (${statusCode}): ${detail}`, false);
    }
    return fail('BAILEYS.SEND_FAILED', `sending failed${statusCode ? ` (${statusCode})` : ''}: ${detail}`, true);
  }
}

function fail(code: string, message: string, retryable: boolean): SendResult {
  return { ok: false, error: { code, message, retryable } };
}
