import type { ComplianceInput, ComplianceRules, ContactFacts, ComplianceRequest, PastContact, TimeWindow } from '../../../src/core/compliance';

const h = (from: string, to: string): TimeWindow[] => {
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return [{ from: m(from), to: m(to) }];
};

/** Colombia as Ley 2300 de 2023 art. 3 reads (the same figures as flows/compliance/CO.yaml). */
export const CO_RULES: ComplianceRules = {
  jurisdiction: 'CO',
  hours: { mon: h('07:00', '19:00'), tue: h('07:00', '19:00'), wed: h('07:00', '19:00'), thu: h('07:00', '19:00'), fri: h('07:00', '19:00'), sat: h('08:00', '15:00'), sun: [] },
  closedOnHolidays: true,
  frequency: { perDay: 1, perWeek: null, minDaysApart: null, channelsPerWeek: 1 },
  optOutNotice: false,
  agentReplyHours: 24,
};

export const BOGOTA_FACTS: ContactFacts = {
  timeZone: 'America/Bogota',
  country: 'CO',
  region: null,
  consent: true,
  optedOut: false,
  wrongPartyAt: null,
  deceasedAt: null,
  disputeOpen: false,
  preferredContact: null,
  lastInboundAt: null,
};

/** A proactive SMS to a Bogotá debtor with consent and no history, at `now`; override any part. */
export function gateInput(now: string, over: { request?: Partial<ComplianceRequest>; facts?: Partial<ContactFacts>; history?: PastContact[]; rules?: ComplianceRules | null; holidays?: string[] } = {}): ComplianceInput {
  const holidays = new Set(over.holidays ?? []);
  return {
    request: { purpose: 'proactive', channel: 'sms', createdAt: new Date(now), hasTemplate: false, ...over.request },
    facts: { ...BOGOTA_FACTS, ...over.facts },
    history: over.history ?? [],
    rules: over.rules === undefined ? CO_RULES : over.rules,
    holidays: (d) => holidays.has(d),
    now: new Date(now),
  };
}
