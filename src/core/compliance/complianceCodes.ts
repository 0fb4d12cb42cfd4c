/**
 * The stable reason codes of the compliance gate. They are written on outbox rows (hold_reason, error_code), in
 * audit events and in `compliance:explain`; never rename one, add a new code instead.
 */
export const COMPLIANCE_CODES = [
  /** The person at the address asked not to be written to (address_opt_outs). */
  'COMPLIANCE.OPTED_OUT',
  /** The creditor's file gives no consent for this channel and address (contact_points.consent). */
  'COMPLIANCE.NO_CONSENT',
  /** The person at the address said they are not the debtor (wrong_party_marks). */
  'COMPLIANCE.WRONG_PARTY',
  /** A third party said the debtor died (debtors.deceased_at). */
  'COMPLIANCE.DECEASED',
  /** An account of the debtor has an open dispute: proactive collection pauses. */
  'COMPLIANCE.DISPUTE_PAUSE',
  /** Outside the jurisdiction's contact hours on an otherwise open day. */
  'COMPLIANCE.QUIET_HOURS',
  /** A public holiday (national, or regional where the debtor's region is known). */
  'COMPLIANCE.HOLIDAY',
  /** Sunday, on which the jurisdiction allows no contact. */
  'COMPLIANCE.SUNDAY',
  /** Another weekday on which the jurisdiction allows no contact (Saturday in PE). */
  'COMPLIANCE.CLOSED_DAY',
  /** Too many proactive contacts in the day or the week, across channels. */
  'COMPLIANCE.FREQUENCY_CAP',
  /** Too soon after the last proactive contact (CL: at least two days apart). */
  'COMPLIANCE.MIN_SPACING',
  /** Another channel was already used in the week (CO: one channel in a week). */
  'COMPLIANCE.CHANNEL_LIMIT',
  /** Outside the contact time the debtor asked for (debtors.preferred_contact). */
  'COMPLIANCE.PREFERRED_TIME',
  /** WhatsApp 24-hour window closed and no approved template: held, never sent as free text. */
  'COMPLIANCE.WHATSAPP_WINDOW_NO_TEMPLATE',
  /** No rules file for the debtor's country: nothing proactive goes out there. */
  'COMPLIANCE.NO_RULES',
  /** The debtor wrote after this proactive message was written (a reminder to someone who already answered). */
  'COMPLIANCE.SUPERSEDED',
  /** A person has the conversation (conversations.handoff): the bot's own messages stay silent. */
  'COMPLIANCE.WITH_PERSON',
  /** The next allowed moment is past the message's own deadline (or beyond the search horizon). */
  'COMPLIANCE.EXPIRED',
] as const;

export type ComplianceCode = (typeof COMPLIANCE_CODES)[number];

/** Codes that never clear by waiting: the message is skipped (dropped with the code), not deferred. */
export const PERMANENT_CODES: ReadonlySet<ComplianceCode> = new Set<ComplianceCode>([
  'COMPLIANCE.OPTED_OUT',
  'COMPLIANCE.NO_CONSENT',
  'COMPLIANCE.WRONG_PARTY',
  'COMPLIANCE.DECEASED',
  'COMPLIANCE.DISPUTE_PAUSE',
  'COMPLIANCE.NO_RULES',
  'COMPLIANCE.EXPIRED',
  'COMPLIANCE.SUPERSEDED',
  'COMPLIANCE.WITH_PERSON',
]);
