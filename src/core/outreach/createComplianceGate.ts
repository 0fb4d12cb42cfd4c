import { createHolidayCalendar, decideContact } from '../compliance';
import type { HolidayCalendar } from '../compliance';
import { rulesFor } from '../compliance/ruleBook';
import type { RuleBook } from '../compliance/ruleBook';
import type { OutreachGate } from './outreachGate';

/**
 * The outreach decision's gate backed by the compliance gate (core/compliance decideContact) with the rule book of
 * flows/compliance: a proactive message, the jurisdiction of the debtor's country tightened by the creditor's own
 * rules, its public holidays, and the debtor's proactive history for the caps. The statuses the cadence already
 * checked (opt-out, consent, wrong party, deceased, dispute) are passed on too, so the gate stands on its own; the
 * preferred contact time is the cadence's (decideOutreach moves the step), not asked twice. Holiday calendars (the
 * country's, and the region's where the debtor's region is known) are built once per country and region. Pure (the holiday data ships with date-holidays).
 */
export function createComplianceGate(book: RuleBook): OutreachGate {
  const calendars = new Map<string, HolidayCalendar>();
  const holidaysOf = (country: string, region: string | null) => {
    const key = `${country}/${region ?? ''}`;
    let calendar = calendars.get(key);
    if (!calendar) {
      calendar = createHolidayCalendar(country, region);
      calendars.set(key, calendar);
    }
    return calendar;
  };
  return ({ account, channel, contact, hasTemplate, notAfter, at }) => {
    const decision = decideContact({
      request: { purpose: 'proactive', channel, createdAt: at, hasTemplate, notAfter },
      facts: {
        timeZone: account.timezone, country: account.country, region: account.region, consent: contact.consent, optedOut: contact.optedOut,
        // A mark's moment only matters for replies written before it; for a proactive message any mark blocks.
        wrongPartyAt: contact.wrongParty ? at : null, deceasedAt: account.deceased ? at : null,
        disputeOpen: account.disputeOpen, preferredContact: null, lastInboundAt: contact.lastInboundAt,
      },
      history: account.history,
      rules: rulesFor(book, account.country, [account.creditor]),
      holidays: holidaysOf(account.country, account.region),
      now: at,
    });
    if (decision.action === 'send') return { allowed: true };
    return { allowed: false, reasons: decision.reasons, nextAllowedAt: decision.action === 'defer' ? decision.nextAllowedAt : null };
  };
}
