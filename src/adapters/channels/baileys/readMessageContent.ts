import { normalizeMessageContent } from '@whiskeysockets/baileys';
import type { proto } from '@whiskeysockets/baileys';

/** What a debtor sent, reduced to what the flow can use. Non-text kinds carry body '' so the flow can say it reads text only. */
export type InboundContentKind =
  | 'text'
  | 'image'
  | 'video'
  | 'document'
  | 'selection'
  | 'audio'
  | 'voice_note'
  | 'sticker'
  | 'location'
  | 'contact'
  | 'unsupported';

export type MessageContent =
  | { ignore: false; kind: InboundContentKind; body: string; selectionId?: string }
  | { ignore: true; reason: 'empty' | 'protocol' | 'reaction' };

/**
 * Extracts the text of a WhatsApp message: plain and extended text, media captions, button/list/template replies
 * (display text as body, the option id apart), unwrapping ephemeral, view-once and document-with-caption wrappers
 * with Baileys' own normalizeMessageContent. Protocol messages (edits, deletes, key distribution) and reactions are
 * ignored. Pure.
 */
export function readMessageContent(message: proto.IMessage | null | undefined): MessageContent {
  const c = normalizeMessageContent(message);
  if (!c) return { ignore: true, reason: 'empty' };
  if (c.reactionMessage || c.encReactionMessage) return { ignore: true, reason: 'reaction' };
  if (c.protocolMessage || c.pollUpdateMessage || c.keepInChatMessage || c.pinInChatMessage) {
    return { ignore: true, reason: 'protocol' };
  }
  return readText(c) ?? readSelection(c) ?? readOther(c);
}

function readText(c: proto.IMessage): MessageContent | undefined {
  if (typeof c.conversation === 'string' && c.conversation !== '') return text('text', c.conversation);
  if (c.extendedTextMessage) return text('text', c.extendedTextMessage.text ?? '');
  if (c.imageMessage) return text('image', c.imageMessage.caption ?? '');
  if (c.videoMessage) return text('video', c.videoMessage.caption ?? '');
  if (c.documentMessage) return text('document', c.documentMessage.caption ?? '');
  return undefined;
}

function readSelection(c: proto.IMessage): MessageContent | undefined {
  const buttons = c.buttonsResponseMessage;
  if (buttons) return selection(buttons.selectedDisplayText, buttons.selectedButtonId);
  const list = c.listResponseMessage;
  if (list) return selection(list.title, list.singleSelectReply?.selectedRowId);
  const template = c.templateButtonReplyMessage;
  if (template) return selection(template.selectedDisplayText, template.selectedId);
  const interactive = c.interactiveResponseMessage;
  if (interactive) return selection(interactive.body?.text, undefined);
  return undefined;
}

function readOther(c: proto.IMessage): MessageContent {
  if (c.audioMessage) return text(c.audioMessage.ptt ? 'voice_note' : 'audio', '');
  if (c.stickerMessage) return text('sticker', '');
  if (c.locationMessage || c.liveLocationMessage) return text('location', '');
  if (c.contactMessage || c.contactsArrayMessage) return text('contact', '');
  // Only key-distribution or context data and no content: a transport artefact, not something the debtor sent.
  const keys = Object.keys(c).filter((k) => !['senderKeyDistributionMessage', 'messageContextInfo'].includes(k));
  if (keys.length === 0) return { ignore: true, reason: 'protocol' };
  return text('unsupported', '');
}

function text(kind: InboundContentKind, body: string): MessageContent {
  return { ignore: false, kind, body };
}

function selection(display: string | null | undefined, id: string | null | undefined): MessageContent {
  const body = display || id || '';
  return id ? { ignore: false, kind: 'selection', body, selectionId: id } : { ignore: false, kind: 'selection', body };
}
