import { isJidBroadcast, isJidGroup, isJidNewsletter, isJidStatusBroadcast, toNumber } from '@whiskeysockets/baileys';
import type { WAMessage } from '@whiskeysockets/baileys';
import { readMessageContent } from './readMessageContent';
import type { InboundContentKind } from './readMessageContent';
import { resolveSenderAddress } from './resolveSenderAddress';

/** A debtor's message ready for the inbox (H4's InboundMessage minus the channel). */
export interface BaileysInbound {
  providerMessageId: string;
  from: string;
  body: string;
  /** From messageTimestamp; undefined when WhatsApp did not send one (the caller uses its clock). */
  receivedAt: Date | undefined;
  payload: {
    jid: string;
    jidAlt?: string;
    kind: InboundContentKind;
    selectionId?: string;
  };
}

export type SkipReason =
  | 'no_id'
  | 'own'
  | 'group'
  | 'status'
  | 'broadcast'
  | 'newsletter'
  | 'not_a_user'
  | 'stub'
  | 'empty'
  | 'protocol'
  | 'reaction';

export type ExtractResult = { kind: 'inbound'; inbound: BaileysInbound } | { kind: 'skip'; reason: SkipReason };

/**
 * Decides whether a WAMessage from 'messages.upsert' is a debtor writing to us and, if so, turns it into an inbox
 * message. Own messages, groups, status updates, broadcast lists, newsletters, stubs, protocol messages and
 * reactions are skipped with a reason. Pure.
 */
export function extractInbound(msg: WAMessage): ExtractResult {
  const { key } = msg;
  if (!key.id) return skip('no_id');
  if (key.fromMe) return skip('own');
  const chat = key.remoteJid ?? '';
  const conversationKind = classifyChat(chat);
  if (conversationKind) return skip(conversationKind);
  const sender = resolveSenderAddress(key);
  if (!sender) return skip('not_a_user');
  if (!msg.message && msg.messageStubType) return skip('stub');
  const content = readMessageContent(msg.message);
  if (content.ignore) return skip(content.reason);
  const seconds = msg.messageTimestamp ? toNumber(msg.messageTimestamp) : 0;
  return {
    kind: 'inbound',
    inbound: {
      providerMessageId: key.id,
      from: sender.address,
      body: content.body,
      receivedAt: seconds > 0 ? new Date(seconds * 1000) : undefined,
      payload: {
        jid: sender.jid,
        ...(sender.jidAlt ? { jidAlt: sender.jidAlt } : {}),
        kind: content.kind,
        ...(content.selectionId ? { selectionId: content.selectionId } : {}),
      },
    },
  };
}

function classifyChat(jid: string): SkipReason | undefined {
  if (isJidGroup(jid)) return 'group';
  if (isJidStatusBroadcast(jid)) return 'status';
  if (isJidBroadcast(jid)) return 'broadcast';
  if (isJidNewsletter(jid)) return 'newsletter';
  return undefined;
}

function skip(reason: SkipReason): ExtractResult {
  return { kind: 'skip', reason };
}
