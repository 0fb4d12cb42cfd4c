import type { OutreachChannel } from './cadenceSchema';

/** One address of the debtor on a channel a cadence writes on, with what decides whether it may be used. */
export interface OutreachContact {
  channel: OutreachChannel;
  address: string;
  /** contact_points.consent: what the creditor's file says. */
  consent: boolean;
  /** address_opt_outs has a row for it: the person asked not to be written to. */
  optedOut: boolean;
  /** wrong_party_marks: whoever holds this address said it is not the debtor's. */
  wrongParty: boolean;
  /** The last message the person at this address wrote to us (the WhatsApp 24-hour window), if any. */
  lastInboundAt: Date | null;
}

/** The preferred contact time the debtor asked for (debtors.preferred_contact), in their own time zone. */
export interface PreferredContact {
  window?: { from: string; to: string };
  notBefore?: Date;
}

/** Everything the outreach decision reads about one account, loaded in batches by the sweep. No I/O here. */
export interface OutreachAccount {
  accountId: string;
  /** The creditor's account id (the portfolio file's account_id). */
  accountExternalId: string;
  /** The debtor's external id (the portfolio file's), as the preview prints it. */
  externalId: string;
  debtorId: string;
  firstName: string;
  locale: string;
  timezone: string;
  country: string;
  /** ISO 3166-2 subdivision (ES-MD) when the portfolio gives one: its public holidays close days too. */
  region: string | null;
  creditor: string;
  product: string;
  segment: string | null;
  currency: string;
  balanceMinor: number;
  dueDate: string;
  status: 'active' | 'paid' | 'disputed' | 'closed';
  deceased: boolean;
  disputeOpen: boolean;
  /** A person has one of the debtor's open conversations (conversations.handoff). */
  handoff: boolean;
  preferredContact: PreferredContact | null;
  /** The account's latest promise, when pending or broken. */
  promise: { dueDate: string; status: 'pending' | 'broken' } | null;
  /** The active plan's installments (none without an active plan). */
  installments: Array<{ dueDate: string; paid: boolean }>;
  contacts: OutreachContact[];
  /** Proactive messages to the debtor (any account, any address) of the last eight days, for the gate's caps. */
  history: Array<{ at: Date; channel: OutreachChannel }>;
  /** When the last proactive step of this account was written (outreach_sends), if ever. */
  lastStepAt: Date | null;
  /** Keys `step|localDate` already written for this account. */
  sent: ReadonlySet<string>;
}
