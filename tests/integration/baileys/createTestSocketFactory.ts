import { makeEventBuffer, proto } from '@whiskeysockets/baileys';
import type { WAMessage } from '@whiskeysockets/baileys';
import { pino } from 'pino';
import type { BaileysSocket, SocketFactory, SocketFactoryInput, Timers } from '../../../src/adapters/channels/baileys/baileysChannelTypes';

/**
 * A socket with Baileys' own event buffer as `ev` (the emitter makeWASocket uses) and a recording sendMessage in
 * place of the WhatsApp servers, which cannot run here. Tests emit the events the real socket would emit.
 */
export interface TestSocket extends BaileysSocket {
  ev: ReturnType<typeof makeEventBuffer>;
  input: SocketFactoryInput;
  sent: Array<{ jid: string; text: string }>;
  ended: boolean;
  /** When set, sendMessage rejects with it (e.g. a Boom from Baileys). */
  failWith?: Error;
}

export function createTestSocketFactory(): { factory: SocketFactory; sockets: TestSocket[] } {
  const sockets: TestSocket[] = [];
  let counter = 0;
  const factory: SocketFactory = (input) => {
    const ev = makeEventBuffer(pino({ level: 'silent' }));
    const socket: TestSocket = {
      ev,
      input,
      sent: [],
      ended: false,
      async sendMessage(jid, content) {
        if (socket.failWith) throw socket.failWith;
        socket.sent.push({ jid, text: content.text });
        counter += 1;
        const sent: WAMessage = {
          key: { remoteJid: jid, fromMe: true, id: `3EB0TEST${String(counter).padStart(12, '0')}` },
          message: { extendedTextMessage: { text: content.text } },
          messageTimestamp: 1_767_225_600,
          status: proto.WebMessageInfo.Status.PENDING,
        };
        return sent;
      },
      async end() {
        socket.ended = true;
      },
    };
    sockets.push(socket);
    return socket;
  };
  return { factory, sockets };
}

/** Timers run by hand: tests see each scheduled delay and fire it when they choose. */
export function createManualTimers(): Timers & {
  pending: Array<{ ms: number; run: () => void; cancelled: boolean }>;
  runNext(): number;
} {
  const pending: Array<{ ms: number; run: () => void; cancelled: boolean }> = [];
  return {
    pending,
    schedule(run, ms) {
      const entry = { ms, run, cancelled: false };
      pending.push(entry);
      return {
        cancel() {
          entry.cancelled = true;
        },
      };
    },
    runNext() {
      const index = pending.findIndex((p) => !p.cancelled);
      if (index < 0) throw new Error('no timer pending');
      const [entry] = pending.splice(0, index + 1).slice(-1);
      if (!entry) throw new Error('no timer pending');
      entry.run();
      return entry.ms;
    },
  };
}

/** Encodes and decodes the content like the wire does, so tests see protobuf instances, not plain objects. */
export function wireMessage(content: proto.IMessage): proto.IMessage {
  return proto.Message.decode(proto.Message.encode(content).finish());
}
