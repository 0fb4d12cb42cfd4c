import {
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  makeCacheableSignalKeyStore,
  makeWASocket,
} from '@whiskeysockets/baileys';
import type { BaileysSocket, SocketFactoryInput } from './baileysChannelTypes';

/**
 * Opens a real WhatsApp Web connection with Baileys (network I/O starts immediately). History sync and online
 * presence are off: the bot only needs new one-to-one messages, and groups, broadcasts and newsletters are not
 * even decrypted.
 */
export function createDefaultSocket(input: SocketFactoryInput): BaileysSocket {
  return makeWASocket({
    auth: { creds: input.auth.creds, keys: makeCacheableSignalKeyStore(input.auth.keys, input.logger) },
    version: input.version,
    browser: input.browser,
    logger: input.logger,
    markOnlineOnConnect: false,
    syncFullHistory: false,
    shouldSyncHistoryMessage: () => false,
    generateHighQualityLinkPreview: false,
    shouldIgnoreJid: (jid) => Boolean(isJidGroup(jid) || isJidBroadcast(jid) || isJidNewsletter(jid)),
    // We keep no message store; Baileys then cannot re-encrypt a message the phone asks to retry.
    getMessage: async () => undefined,
  });
}
