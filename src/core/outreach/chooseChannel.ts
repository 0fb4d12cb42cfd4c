import type { Cadence, CadenceTemplate, OutreachChannel } from './cadenceSchema';
import type { OutreachAccount, OutreachContact } from './outreachAccount';
import { OUTREACH_REASONS } from './outreachReasons';
import type { OutreachReason } from './outreachReasons';

/** WhatsApp's customer-service window: free text only this long after the person's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 3_600_000;

export type ChannelChoice =
  | { ok: true; channel: OutreachChannel; contact: OutreachContact; useContentTemplate: boolean }
  | { ok: false; reason: OutreachReason };

/**
 * The first channel, in the cadence's order, with an address the step may use: consent in the creditor's file,
 * no opt-out, not marked wrong party; on WhatsApp outside the 24-hour window only when the template has an
 * approved Content template (otherwise the next channel). When none fits, the reason of the first address
 * that came closest (wrong party, opt-out, consent, template), or NO_CONTACT. Pure.
 */
export function chooseChannel(cadence: Cadence, account: OutreachAccount, template: CadenceTemplate, now: Date): ChannelChoice {
  const reasons: OutreachReason[] = [];
  for (const channel of cadence.channels) {
    for (const contact of account.contacts.filter((c) => c.channel === channel)) {
      const blocked = blockOf(contact);
      if (blocked) {
        reasons.push(blocked);
        continue;
      }
      const windowOpen = contact.lastInboundAt !== null && now.getTime() - contact.lastInboundAt.getTime() < WHATSAPP_WINDOW_MS;
      if (channel === 'whatsapp' && !windowOpen && !template.whatsapp) {
        reasons.push(OUTREACH_REASONS.NO_APPROVED_TEMPLATE);
        continue;
      }
      return { ok: true, channel, contact, useContentTemplate: channel === 'whatsapp' && !windowOpen };
    }
  }
  return { ok: false, reason: reasons[0] ?? OUTREACH_REASONS.NO_CONTACT };
}

function blockOf(contact: OutreachContact): OutreachReason | undefined {
  if (contact.wrongParty) return OUTREACH_REASONS.WRONG_PARTY;
  if (contact.optedOut) return OUTREACH_REASONS.OPTED_OUT;
  if (!contact.consent) return OUTREACH_REASONS.NO_CONSENT;
  return undefined;
}
