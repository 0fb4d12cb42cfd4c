import { DisconnectReason } from '@whiskeysockets/baileys';
import { z } from 'zod';

export type ReconnectDecision =
  /** WhatsApp ended the linked device: the stored login is useless; clear it and wait for a new start. */
  | { action: 'logged_out'; code: number }
  /** A restart WhatsApp asks for (right after pairing): reconnect at once, it is not a failure. */
  | { action: 'restart'; code: number }
  /** Another session took over or the number is blocked: reconnecting would only fight or fail again. */
  | { action: 'give_up'; code: number }
  /** Network trouble or a server-side close: reconnect with backoff. */
  | { action: 'backoff'; code: number | null };

// Baileys closes with a Boom error; read its status code without depending on @hapi/boom.
const boomLike = z.object({ output: z.object({ statusCode: z.number() }) });

/** Maps the error of a 'close' connection.update to what the channel should do next. Pure. */
export function decideReconnect(error: unknown): ReconnectDecision {
  const parsed = boomLike.safeParse(error);
  const code = parsed.success ? parsed.data.output.statusCode : null;
  switch (code) {
    case DisconnectReason.loggedOut:
      return { action: 'logged_out', code };
    case DisconnectReason.restartRequired:
      return { action: 'restart', code };
    case DisconnectReason.connectionReplaced:
    case DisconnectReason.forbidden:
      return { action: 'give_up', code };
    default:
      return { action: 'backoff', code };
  }
}
