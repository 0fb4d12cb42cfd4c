import type { ChannelKind } from '../../ports/channel';

/**
 * The contact_points channel that holds consent, opt-out and wrong-party marks for an address reached on `channel`.
 * WhatsApp Web (Baileys) is the same WhatsApp number as WhatsApp through Twilio, so both read and write the
 * 'whatsapp' contact point the portfolio import creates: a debtor imported with WhatsApp is known on Baileys, and
 * withdrawing consent on one withdraws it on the other. Pure.
 */
export function contactChannelOf(channel: ChannelKind): Exclude<ChannelKind, 'baileys'> {
  return channel === 'baileys' ? 'whatsapp' : channel;
}
