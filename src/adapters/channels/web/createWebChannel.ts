import type { Channel } from '../../../ports/channel';

/**
 * The Channel for the web simulator. There is no provider to call: the simulator page reads the
 * conversation's messages from the database, so an outbound message is delivered as soon as the
 * outbox hands it over. No I/O.
 */
export function createWebChannel(): Channel {
  return {
    kind: 'web',
    send: async (message) => ({ ok: true, providerId: `web-${message.outboxId}`, status: 'delivered' }),
  };
}
