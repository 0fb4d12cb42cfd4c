import type { OutreachChannel } from './cadenceSchema';
import type { OutreachAccount, OutreachContact } from './outreachAccount';

/** The compliance gate's answer for one proactive message. */
export type GateVerdict = { allowed: true } | { allowed: false; reasons: string[]; nextAllowedAt: Date | null };

/** What the outreach decision asks the compliance gate: may this proactive message go out on this channel now? */
export interface GateQuestion {
  account: OutreachAccount;
  channel: OutreachChannel;
  contact: OutreachContact;
  /** The step's template has an approved WhatsApp Content template for a closed window. */
  hasTemplate: boolean;
  /** After this instant the step is stale: a hold past it is a skip. */
  notAfter: Date;
  at: Date;
}

/** A pure compliance check the decision consults before it sends (src/core/compliance provides the real one). */
export type OutreachGate = (question: GateQuestion) => GateVerdict;

/** A gate that allows everything: for tests of the cadence logic alone. Pure. */
export const allowAllGate: OutreachGate = () => ({ allowed: true });
