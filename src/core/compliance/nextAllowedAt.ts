import { frequencyBlocks, weekRulesClearAt } from './frequencyRule';
import { hoursBlocks, openWindowsOf } from './hoursRule';
import { addDays, daysBetween, fromLocalTime, toLocalTime } from './localTime';
import type { ComplianceCode } from './complianceCodes';
import type { ComplianceRules, ContactFacts, HolidayCalendar, PastContact, SendChannel } from './types';

/** How far ahead the search looks; a day with no allowed minute for this long means the rules leave none. */
export const SEARCH_HORIZON_DAYS = 60;

export interface TimingInput {
  rules: ComplianceRules;
  facts: Pick<ContactFacts, 'timeZone' | 'preferredContact'>;
  history: readonly PastContact[];
  holidays: HolidayCalendar;
  channel: SendChannel;
}

/** Every timing rule (hours, days, holidays, preferred time, frequency) that blocks a proactive message at `at`. Pure. */
export function timingBlocks(input: TimingInput, at: Date): ComplianceCode[] {
  const local = toLocalTime(at, input.facts.timeZone);
  return [
    ...hoursBlocks(input.rules, input.holidays, local, input.facts.preferredContact, at),
    ...frequencyBlocks(input.rules, input.history, input.channel, at, input.facts.timeZone),
  ];
}

/** A local day on which the per-day and spacing caps already forbid one more contact. */
function dayIsCapped(input: TimingInput, date: string): boolean {
  const { perDay, minDaysApart } = input.rules.frequency;
  const days = input.history.map((c) => daysBetween(toLocalTime(c.at, input.facts.timeZone).date, date));
  if (perDay !== null && days.filter((d) => d === 0).length >= perDay) return true;
  return minDaysApart !== null && days.some((d) => d >= 0 && d < minDaysApart);
}

/** The first instant at or after `from` inside an open window of a day that is not capped, or null within the horizon. */
function nextOpenInstant(input: TimingInput, from: Date): Date | null {
  const tz = input.facts.timeZone;
  const start = toLocalTime(from, tz).date;
  for (let k = 0; k <= SEARCH_HORIZON_DAYS; k += 1) {
    const date = addDays(start, k);
    if (dayIsCapped(input, date)) continue;
    const weekday = toLocalTime(fromLocalTime(date, 720, tz), tz).weekday;
    for (const w of openWindowsOf(input.rules, input.holidays, { date, weekday }, input.facts.preferredContact)) {
      const open = fromLocalTime(date, w.from, tz);
      const close = fromLocalTime(date, w.to, tz);
      const candidate = open.getTime() > from.getTime() ? open : from;
      if (candidate.getTime() < close.getTime()) return candidate;
    }
  }
  return null;
}

/**
 * The next instant at or after `now` at which a proactive message on `channel` passes every timing rule, assuming no
 * other contact is made meanwhile; null when none exists within SEARCH_HORIZON_DAYS. The answer is checked against
 * the rules themselves, so it is always an allowed instant. Pure.
 */
export function nextAllowedAt(input: TimingInput, now: Date): Date | null {
  let t = new Date(Math.max(now.getTime(), input.facts.preferredContact?.notBefore?.getTime() ?? 0));
  const horizon = now.getTime() + (SEARCH_HORIZON_DAYS + 1) * 86_400_000;
  for (let i = 0; i < 500 && t.getTime() <= horizon; i += 1) {
    t = weekRulesClearAt(input.rules, input.history, input.channel, t);
    const open = nextOpenInstant(input, t);
    if (!open) return null;
    if (timingBlocks(input, open).length === 0) return open;
    // Blocked by a rolling-week rule that changed meanwhile, or a daylight-saving edge: move on a minute at least.
    t = new Date(open.getTime() + 60_000);
  }
  return null;
}
