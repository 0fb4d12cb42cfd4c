import type { Kysely } from 'kysely';
import type { DB } from '../../adapters/db/schema';
import type { InboundMessage } from './inboundMessage';
import { storeInboundMessages } from './storeInboundMessages';
import type { StoredInbound } from './storeInboundMessages';

export interface InboundBatcherOptions {
  /** Most messages per INSERT. Default 100. */
  maxBatch?: number;
  /**
   * INSERTs in flight at once; messages arriving meanwhile wait for the next one. Default 1, which keeps the
   * inbox in arrival order: two concurrent INSERTs could commit one person's messages out of order.
   */
  maxInFlight?: number;
}

export interface InboundBatcher {
  /** Stores the message (committed) and resolves when it is durable; rejects when it could not be stored. */
  enqueue(message: InboundMessage): Promise<StoredInbound>;
}

/**
 * Stores inbound messages of concurrent requests together: a message is written at once when fewer than
 * `maxInFlight` INSERTs are running, else with the others that arrive meanwhile, in one statement and one commit
 * (storeInboundMessages). A quiet service writes each message alone with no added delay; a busy one pays one
 * statement and one WAL flush per batch, not per webhook. Each caller's promise resolves only after its row is
 * committed, so a webhook still acknowledges only what is stored. When a batch fails, its messages are stored one
 * by one, so only a bad one fails. With one INSERT in flight (the default) rows are stored in arrival order. Does I/O.
 */
export function createInboundBatcher(db: Kysely<DB>, options: InboundBatcherOptions = {}): InboundBatcher {
  const maxBatch = options.maxBatch ?? 100;
  const maxInFlight = options.maxInFlight ?? 1;
  type Waiting = { message: InboundMessage; resolve: (stored: StoredInbound) => void; reject: (error: unknown) => void };
  const queue: Waiting[] = [];
  let inFlight = 0;

  const storeAlone = async (waiting: Waiting) => {
    try {
      const [stored] = await storeInboundMessages(db, [waiting.message]);
      if (stored) waiting.resolve(stored);
      else waiting.reject(new Error('inbound message was not stored'));
    } catch (error) {
      waiting.reject(error);
    }
  };

  const store = async (batch: Waiting[]) => {
    if (batch.length === 1 && batch[0]) return storeAlone(batch[0]);
    try {
      const stored = await storeInboundMessages(db, batch.map((w) => w.message));
      for (const [i, waiting] of batch.entries()) {
        const result = stored[i];
        if (result) waiting.resolve(result);
        else waiting.reject(new Error('inbound message was not stored'));
      }
    } catch {
      for (const waiting of batch) await storeAlone(waiting);
    }
  };

  const pump = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight += 1;
      void store(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  };

  return {
    enqueue: (message) =>
      new Promise<StoredInbound>((resolve, reject) => {
        queue.push({ message, resolve, reject });
        pump();
      }),
  };
}
