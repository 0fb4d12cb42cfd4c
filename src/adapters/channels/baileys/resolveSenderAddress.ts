import { isLidUser, isPnUser, jidDecode, jidNormalizedUser } from '@whiskeysockets/baileys';
import type { WAMessageKey } from '@whiskeysockets/baileys';

export interface SenderAddress {
  /** E.164 (`+573001234567`) when the phone number is known, else the chat's JID (a `@lid` address). */
  address: string;
  /** The chat JID as WhatsApp addressed it (phone `@s.whatsapp.net` or `@lid`). */
  jid: string;
  /** The other form of the same user when WhatsApp sent it (v7: key.remoteJidAlt). */
  jidAlt?: string;
}

/**
 * Works out who wrote a one-to-one message. WhatsApp v7 may address a chat by LID (`123…@lid`, a privacy id that
 * is not a phone number); Baileys then puts the phone JID, when it knows it, in key.remoteJidAlt (older 7.0 release
 * candidates used key.senderPn). The phone form is preferred so the sender matches the debtor's contact point.
 * Returns undefined for JIDs that are not a user (groups, broadcasts…). Pure.
 */
export function resolveSenderAddress(key: WAMessageKey): SenderAddress | undefined {
  const jid = key.remoteJid ? jidNormalizedUser(key.remoteJid) : '';
  if (isPnUser(jid)) {
    const address = toE164(jid);
    return address ? { address, jid } : undefined;
  }
  if (!isLidUser(jid)) return undefined;
  const alt = readAltJid(key);
  const phone = alt && isPnUser(alt) ? toE164(alt) : undefined;
  return { address: phone ?? jid, jid, ...(alt ? { jidAlt: alt } : {}) };
}

function readAltJid(key: WAMessageKey): string | undefined {
  const candidate = key.remoteJidAlt ?? ('senderPn' in key ? key.senderPn : undefined);
  return typeof candidate === 'string' && candidate.includes('@') ? jidNormalizedUser(candidate) : undefined;
}

/** `573001234567@s.whatsapp.net` → `+573001234567`; undefined when the user part is not a plausible number. */
function toE164(phoneJid: string): string | undefined {
  const user = jidDecode(phoneJid)?.user;
  return user && /^[1-9]\d{5,14}$/.test(user) ? `+${user}` : undefined;
}
