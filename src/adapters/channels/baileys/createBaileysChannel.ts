import { Browsers, DEFAULT_CONNECTION_CONFIG } from '@whiskeysockets/baileys';
import type { BaileysEventMap } from '@whiskeysockets/baileys';
import type { Router } from 'express';
import type { Channel } from '../../../ports/channel';
import type { BaileysChannelDeps, BaileysSocket, BaileysStatus, Timers } from './baileysChannelTypes';
import { computeReconnectDelay, DEFAULT_BACKOFF } from './computeReconnectDelay';
import { createAdminRouter } from './createAdminRouter';
import { createDefaultSocket } from './createDefaultSocket';
import { createInboundHandler } from './createInboundHandler';
import { decideReconnect } from './decideReconnect';
import type { ReconnectDecision } from './decideReconnect';
import { printQrToTerminal } from './printQrToTerminal';
import type { AdminRouterDeps } from './createAdminRouter';
import { sendViaSocket } from './sendViaSocket';
import { useDatabaseAuthState } from './useDatabaseAuthState';
import type { DatabaseAuthState } from './useDatabaseAuthState';

export interface BaileysChannel {
  /** The outbound port for kind 'baileys'; pass it to the outbox sender. */
  channel: Channel;
  /** Loads the stored login and connects (a QR is shown when there is none). Idempotent while running. */
  start(): Promise<void>;
  /** Cancels reconnects, closes the socket (keeping the login) and waits for inbound messages being stored. */
  stop(): Promise<void>;
  status(): BaileysStatus;
  /** The admin page; the host mounts it behind admin auth at /admin/whatsapp. */
  adminRouter(options?: Pick<AdminRouterDeps, 'formToken'>): Router;
}

const systemTimers: Timers = {
  schedule(run, ms) {
    const handle = setTimeout(run, ms);
    return { cancel: () => clearTimeout(handle) };
  },
};

/**
 * The WhatsApp Web channel built on Baileys: keeps one linked-device connection up (QR login in the terminal and
 * on the admin page, login stored in the database, reconnect with backoff and jitter, logout handling), stores
 * debtors' one-to-one messages in the inbox, and sends text replies. Nothing happens until start(); then it does
 * network and database I/O.
 */
export function createBaileysChannel(deps: BaileysChannelDeps): BaileysChannel {
  const log = deps.logger.child({ component: 'baileys' });
  const libraryLogger = deps.logger.child({ component: 'baileys-lib' }, { level: deps.libraryLogLevel ?? 'warn' });
  const sessionName = deps.sessionName ?? 'default';
  const socketFactory = deps.socketFactory ?? createDefaultSocket;
  const timers = deps.timers ?? systemTimers;
  const random = deps.random ?? Math.random;
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const printQr = deps.printQr ?? printQrToTerminal;
  const inbound = createInboundHandler({ enqueueInbound: deps.enqueueInbound, logger: log, clock: deps.clock, timers });

  let status: BaileysStatus = {
    state: 'stopped',
    qr: null,
    since: deps.clock.now(),
    reconnectAttempt: 0,
    nextReconnectAt: null,
    lastDisconnectCode: null,
    account: null,
  };
  let running = false;
  let auth: DatabaseAuthState | undefined;
  let socket: BaileysSocket | undefined;
  let detachSocket: (() => void) | undefined;
  let pendingReconnect: { cancel(): void } | undefined;

  function setStatus(change: Partial<BaileysStatus>): void {
    const stateChanged = change.state !== undefined && change.state !== status.state;
    status = { ...status, ...change, ...(stateChanged ? { since: deps.clock.now() } : {}) };
  }

  function connect(): void {
    pendingReconnect = undefined;
    if (!running || !auth) return;
    let sock: BaileysSocket;
    try {
      sock = socketFactory({
        auth: auth.state,
        version: deps.version ?? DEFAULT_CONNECTION_CONFIG.version,
        browser: deps.browser ?? Browsers.macOS('Chrome'),
        logger: libraryLogger,
      });
    } catch (error) {
      log.error({ code: 'BAILEYS.SOCKET_FAILED', err: errorMessage(error) }, 'could not create the WhatsApp socket');
      scheduleReconnect({ action: 'backoff', code: null });
      return;
    }
    socket = sock;
    detachSocket = attach(sock, auth);
    setStatus({ state: 'connecting', qr: null, nextReconnectAt: null });
  }

  function attach(sock: BaileysSocket, login: DatabaseAuthState): () => void {
    const onCreds = (update: BaileysEventMap['creds.update']) => {
      // Baileys merges the update into creds itself; merging again keeps saveCreds right whatever the listener order.
      Object.assign(login.state.creds, update);
      login.saveCreds().catch((error: unknown) => {
        log.error({ code: 'BAILEYS.SAVE_CREDS_FAILED', err: errorMessage(error) }, 'could not store WhatsApp login');
      });
    };
    const onConnection = (update: BaileysEventMap['connection.update']) => {
      if (sock === socket) handleConnectionUpdate(update, login);
    };
    const onUpsert = ({ messages, type }: BaileysEventMap['messages.upsert']) => {
      // 'append' carries history and our own messages sent from the phone, not new messages to answer.
      if (type === 'notify') inbound.handle(messages);
    };
    sock.ev.on('creds.update', onCreds);
    sock.ev.on('connection.update', onConnection);
    sock.ev.on('messages.upsert', onUpsert);
    return () => {
      sock.ev.off('creds.update', onCreds);
      sock.ev.off('connection.update', onConnection);
      sock.ev.off('messages.upsert', onUpsert);
    };
  }

  function handleConnectionUpdate(update: BaileysEventMap['connection.update'], login: DatabaseAuthState): void {
    if (update.qr) {
      setStatus({ state: 'waiting_for_qr', qr: update.qr });
      log.info({ code: 'BAILEYS.QR' }, 'WhatsApp login needed: scan the QR in the terminal or at /admin/whatsapp');
      printQr(update.qr);
    }
    if (update.connection === 'open') {
      setStatus({ state: 'open', qr: null, reconnectAttempt: 0, nextReconnectAt: null, account: login.state.creds.me?.id ?? null });
      log.info({ code: 'BAILEYS.OPEN' }, 'WhatsApp Web connected');
    } else if (update.connection === 'close') {
      dropSocket();
      void handleClose(decideReconnect(update.lastDisconnect?.error), login);
    }
  }

  async function handleClose(decision: ReconnectDecision, login: DatabaseAuthState): Promise<void> {
    setStatus({ lastDisconnectCode: decision.code, qr: null });
    if (!running) return;
    if (decision.action === 'logged_out') {
      running = false;
      auth = undefined;
      setStatus({ state: 'logged_out', account: null, nextReconnectAt: null });
      log.warn(
        { code: 'BAILEYS.LOGGED_OUT', statusCode: decision.code },
        'WhatsApp logged this device out: stored login deleted, not reconnecting; start again (POST /admin/whatsapp/start or restart) and scan the new QR',
      );
      await login.clear().catch((error: unknown) => {
        log.error({ code: 'BAILEYS.CLEAR_FAILED', err: errorMessage(error) }, 'could not delete the WhatsApp login');
      });
      return;
    }
    if (decision.action === 'give_up') {
      running = false;
      setStatus({ state: 'failed', nextReconnectAt: null });
      log.error({ code: 'BAILEYS.GAVE_UP', statusCode: decision.code }, 'WhatsApp closed the session (replaced or forbidden); not reconnecting');
      return;
    }
    scheduleReconnect(decision);
  }

  function scheduleReconnect(decision: ReconnectDecision): void {
    const immediate = decision.action === 'restart';
    const attempt = status.reconnectAttempt;
    const delayMs = immediate ? 0 : computeReconnectDelay(attempt, backoff, random);
    setStatus({
      state: 'reconnecting',
      reconnectAttempt: immediate ? attempt : attempt + 1,
      nextReconnectAt: new Date(deps.clock.now().getTime() + delayMs),
    });
    log.info({ code: 'BAILEYS.RECONNECT_SCHEDULED', statusCode: decision.code, attempt: status.reconnectAttempt, delayMs }, 'reconnecting');
    pendingReconnect = timers.schedule(connect, delayMs);
  }

  function dropSocket(): BaileysSocket | undefined {
    const dropped = socket;
    detachSocket?.();
    detachSocket = undefined;
    socket = undefined;
    return dropped;
  }

  async function start(): Promise<void> {
    if (running) return;
    running = true;
    setStatus({ state: 'connecting', reconnectAttempt: 0, nextReconnectAt: null, qr: null });
    try {
      auth = await useDatabaseAuthState(deps.db, sessionName);
    } catch (error) {
      running = false;
      setStatus({ state: 'failed' });
      throw error;
    }
    log.info({ code: 'BAILEYS.STARTING', session: sessionName, registered: auth.state.creds.registered }, 'starting');
    connect();
  }

  async function stop(): Promise<void> {
    running = false;
    pendingReconnect?.cancel();
    pendingReconnect = undefined;
    const closing = dropSocket();
    if (closing) {
      await Promise.resolve(closing.end(undefined)).catch((error: unknown) => {
        log.warn({ code: 'BAILEYS.END_FAILED', err: errorMessage(error) }, 'socket did not close cleanly');
      });
    }
    await inbound.drain();
    if (status.state !== 'logged_out') setStatus({ state: 'stopped', qr: null, nextReconnectAt: null });
    log.info({ code: 'BAILEYS.STOPPED' }, 'stopped');
  }

  const channel: Channel = {
    kind: 'baileys',
    send: (message) => sendViaSocket(status.state === 'open' ? socket : undefined, message),
  };

  return {
    channel,
    start,
    stop,
    status: () => ({ ...status }),
    adminRouter: (options) => createAdminRouter({ status: () => ({ ...status }), start, clock: deps.clock, ...options }),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
