import { parseClock } from './localTime';
import type { JurisdictionFile, RulesOverride } from './rulesFileSchema';
import type { ComplianceRules, TimeWindow, Weekday } from './types';

const DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** 'HH:MM-HH:MM' as minutes after midnight. Pure. */
export function parseWindow(text: string): TimeWindow {
  const [from = '00:00', to = '00:00'] = text.split('-');
  return { from: parseClock(from), to: parseClock(to) };
}

/** The rules of a validated jurisdiction file, in the shape the gate reads. Pure. */
export function toComplianceRules(file: JurisdictionFile): ComplianceRules {
  const h = file.hours;
  const hours = { mon: h.mon.map(parseWindow), tue: h.tue.map(parseWindow), wed: h.wed.map(parseWindow), thu: h.thu.map(parseWindow), fri: h.fri.map(parseWindow), sat: h.sat.map(parseWindow), sun: h.sun.map(parseWindow) };
  return { jurisdiction: file.jurisdiction, hours, closedOnHolidays: file.closedOnHolidays, frequency: { ...file.frequency }, optOutNotice: file.optOutNotice, agentReplyHours: file.agentReplyHours };
}

/** A jurisdiction's rules with a creditor's (already checked to be stricter) override applied. Pure. */
export function applyOverride(rules: ComplianceRules, override: RulesOverride): ComplianceRules {
  const hours = { ...rules.hours };
  for (const d of DAYS) {
    const given = override.hours?.[d];
    if (given) hours[d] = given.map(parseWindow);
  }
  return {
    ...rules,
    hours,
    closedOnHolidays: override.closedOnHolidays ?? rules.closedOnHolidays,
    frequency: { ...rules.frequency, ...override.frequency },
    optOutNotice: override.optOutNotice ?? rules.optOutNotice,
    agentReplyHours: override.agentReplyHours ?? rules.agentReplyHours,
  };
}
