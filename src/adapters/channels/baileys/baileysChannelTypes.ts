import type {
  AuthenticationState,
  BaileysEventEmitter,
  SocketConfig,
  WABrowserDescription,
  WAMessage,
  WAVersion,
} from '@whiskeysockets/baileys';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../ports/clock';
import type { DB } from '../../db/schema';
import type { Logger } from '../../../observability/createLogger';
import type { InboundMessage } from '../../../pipeline/receive/inboundMessage';
import type { BackoffPolicy } from './computeReconnectDelay';

/** The part of a Baileys WASocket the channel uses; makeWASocket's result satisfies it. */
export interface BaileysSocket {
  ev: BaileysEventEmitter;
  sendMessage(jid: string, content: { text: string }): Promise<WAMessage | undefined>;
  end(error: Error | undefined): Promise<void> | void;
}

export interface SocketFactoryInput {
  auth: AuthenticationState;
  version: WAVersion;
  browser: WABrowserDescription;
  logger: SocketConfig['logger'];
}

/** Builds one socket (one connection attempt). Production: createDefaultSocket; tests inject their own. */
export type SocketFactory = (input: SocketFactoryInput) => BaileysSocket;

/** A cancellable timer; injected so tests run the reconnect schedule by hand. */
export interface Timers {
  schedule(run: () => void, ms: number): { cancel(): void };
}

/** The inbox write: H4's enqueueInbound bound to the database by main.ts. Idempotent by providerMessageId. */
export type EnqueueInbound = (msg: InboundMessage) => Promise<{ inserted: boolean; inboxId: string }>;

export type BaileysConnectionState =
  | 'stopped'
  | 'connecting'
  | 'waiting_for_qr'
  | 'open'
  | 'reconnecting'
  | 'logged_out'
  | 'failed';

export interface BaileysStatus {
  state: BaileysConnectionState;
  /** The current login QR (raw string to encode) while state is 'waiting_for_qr'. */
  qr: string | null;
  since: Date;
  /** Consecutive failed connection attempts; 0 once open. */
  reconnectAttempt: number;
  nextReconnectAt: Date | null;
  lastDisconnectCode: number | null;
  /** The linked WhatsApp account (our own number's JID) once open. */
  account: string | null;
}

export interface BaileysChannelDeps {
  db: Kysely<DB>;
  enqueueInbound: EnqueueInbound;
  logger: Logger;
  clock: Clock;
  /** Name of the stored login; several numbers could run side by side. Default 'default'. */
  sessionName?: string;
  /** Default: createDefaultSocket (real WhatsApp Web connection). */
  socketFactory?: SocketFactory;
  /** WhatsApp Web version to announce. Default: the one bundled with Baileys (no network lookup at start). */
  version?: WAVersion;
  browser?: WABrowserDescription;
  timers?: Timers;
  /** [0, 1) source for backoff jitter. Default Math.random. */
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Shows each new QR to the operator. Default: printed small in the terminal. */
  printQr?: (qr: string) => void;
  /** Level for Baileys' own (chatty) logs. Default 'warn'. */
  libraryLogLevel?: string;
}
