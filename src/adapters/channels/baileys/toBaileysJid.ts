import { isLidUser, isPnUser, jidNormalizedUser } from '@whiskeysockets/baileys';

export type JidResult = { ok: true; jid: string } | { ok: false; error: { code: 'BAILEYS.BAD_ADDRESS'; message: string } };

/**
 * Turns an outbound address into the JID to send to: an E.164 number (`+573001234567`, the form contact points and
 * inbound `from` use) becomes `573001234567@s.whatsapp.net`; a user JID (`…@s.whatsapp.net` or `…@lid`, kept when
 * the sender's number was unknown) is used as is. Anything else (groups, broadcasts, malformed) is refused. Pure.
 */
export function toBaileysJid(address: string): JidResult {
  const trimmed = address.trim().replace(/^whatsapp:/, '');
  if (trimmed.includes('@')) {
    const jid = jidNormalizedUser(trimmed);
    if (isPnUser(jid) || isLidUser(jid)) return { ok: true, jid };
    return bad('not a WhatsApp user JID');
  }
  const digits = trimmed.replace(/[\s().-]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(digits)) return { ok: true, jid: `${digits.slice(1)}@s.whatsapp.net` };
  return bad('not an E.164 phone number or WhatsApp JID');
}

function bad(message: string): JidResult {
  return { ok: false, error: { code: 'BAILEYS.BAD_ADDRESS', message } };
}
