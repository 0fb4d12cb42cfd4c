import type { ComplianceCode } from './complianceCodes';

/** Why a message exists (outbox.purpose, migration 0660); it decides which rules apply. */
export type MessagePurpose = 'reply' | 'proactive' | 'agent';
/** The channel a message goes out on (the ports' ChannelKind, repeated here because the core imports no ports). */
export type SendChannel = 'sms' | 'whatsapp' | 'baileys' | 'web';
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** A span of local time on one day, in minutes after midnight; `to` is exclusive (19:00 is outside 7:00–19:00). */
export interface TimeWindow {
  from: number;
  to: number;
}

/** The contact rules of one jurisdiction (flows/compliance/XX.yaml), possibly tightened for a creditor. */
export interface ComplianceRules {
  jurisdiction: string;
  /** Local windows per weekday in which proactive contact is allowed; an empty list closes the day. */
  hours: Record<Weekday, TimeWindow[]>;
  /** No proactive contact on public holidays. */
  closedOnHolidays: boolean;
  frequency: {
    /** Proactive contacts per local calendar day, across channels (null: no cap). */
    perDay: number | null;
    /** Proactive contacts in any 7 × 24 hours, across channels (null: no cap). */
    perWeek: number | null;
    /** Local calendar days between two proactive contacts (2: Monday then Wednesday at the earliest). */
    minDaysApart: number | null;
    /** Distinct channels used for proactive contact in any 7 × 24 hours (null: no cap). */
    channelsPerWeek: number | null;
  };
  /** Every electronic message must carry a simple way to opt out (US Reg F 1006.6(e)). */
  optOutNotice: boolean;
  /** An agent's message counts as a reply when the debtor wrote within this many hours; otherwise it is proactive. */
  agentReplyHours: number;
}

/** What is about to be sent. */
export interface ComplianceRequest {
  purpose: MessagePurpose;
  channel: SendChannel;
  /** When the message was written (outbox.created_at): a proactive message written before the debtor's last message is stale. */
  createdAt: Date;
  /** An approved WhatsApp template (content_sid) is attached for when the 24-hour window is closed. */
  hasTemplate: boolean;
  /** The confirmation written with an opt-out or a wrong-party mark: consent, opt-out and wrong-party rules do not hold it. */
  allowAfterOptOut?: boolean;
  /** A proactive message that no longer makes sense after this instant is skipped rather than deferred past it. */
  notAfter?: Date | null;
}

/** A contact time the debtor asked for (debtors.preferred_contact), in their time zone. */
export interface PreferredContact {
  window?: TimeWindow;
  notBefore?: Date;
}

/** What is known of the debtor and the address, read by the caller in one query. */
export interface ContactFacts {
  timeZone: string;
  country: string;
  /** ISO 3166-2 subdivision code without the country (e.g. 'CA' for California), when known. */
  region: string | null;
  /** contact_points.consent for this address and contact channel; null when the creditor's file lists no such address. */
  consent: boolean | null;
  /** An address_opt_outs row exists for this address and contact channel. */
  optedOut: boolean;
  /** When the person at this address said they are not the debtor, or null. */
  wrongPartyAt: Date | null;
  /** When a third party said the debtor died, or null. */
  deceasedAt: Date | null;
  /** Some account of the debtor has an open dispute. */
  disputeOpen: boolean;
  preferredContact: PreferredContact | null;
  /** The debtor's last inbound message on this conversation's channel (opens the WhatsApp 24-hour window). */
  lastInboundAt: Date | null;
  /** A person has the conversation (or the debtor is waiting for one): no proactive message of the bot goes. */
  withPerson?: boolean;
}

/** A proactive contact already made (sent) to the debtor, on any address. */
export interface PastContact {
  at: Date;
  /** The contact channel ('whatsapp' for Baileys too). */
  channel: Exclude<SendChannel, 'baileys'>;
}

/** True when a local calendar date (YYYY-MM-DD) is a public holiday where the debtor lives. */
export type HolidayCalendar = (localDate: string) => boolean;

export interface ComplianceInput {
  request: ComplianceRequest;
  facts: ContactFacts;
  /** Proactive contacts of the last weeks (older ones are ignored). */
  history: readonly PastContact[];
  /** Null when no rules exist for the debtor's country. */
  rules: ComplianceRules | null;
  holidays: HolidayCalendar;
  now: Date;
}

export interface ComplianceDecision {
  action: 'send' | 'defer' | 'skip';
  /** Every rule that blocks the message now (empty when it is sent). */
  reasons: ComplianceCode[];
  /** For 'defer': the next instant the message is allowed, or null when only an outside change can release it. */
  nextAllowedAt: Date | null;
  /** 'template' when the WhatsApp window is closed and the approved template must go instead of the text. */
  sendAs: 'text' | 'template';
  /** The rules say the message must carry an opt-out notice (the sender adds one when the text lacks it). */
  optOutNotice: boolean;
  /** Which rule set applied: replies skip the hours, proactive messages get every rule. */
  ruleSet: 'reply' | 'proactive';
}
