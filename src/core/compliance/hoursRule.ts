import type { ComplianceCode } from './complianceCodes';
import type { LocalTime } from './localTime';
import type { ComplianceRules, HolidayCalendar, PreferredContact, TimeWindow } from './types';

/**
 * The windows of a local day in which the jurisdiction's hours and the debtor's preferred contact time allow a
 * proactive message: none on a closed weekday or a holiday. Pure.
 */
export function openWindowsOf(rules: ComplianceRules, holidays: HolidayCalendar, day: Pick<LocalTime, 'date' | 'weekday'>, preferred: PreferredContact | null): TimeWindow[] {
  if (rules.closedOnHolidays && holidays(day.date)) return [];
  const windows = rules.hours[day.weekday];
  const wanted = preferred?.window;
  if (!wanted) return windows;
  return windows.flatMap((w) => intersect(w, wanted));
}

/** Intersections of a window with a preferred window, which may run past midnight (22:00–06:00). */
function intersect(w: TimeWindow, wanted: TimeWindow): TimeWindow[] {
  const parts: TimeWindow[] = wanted.from < wanted.to ? [wanted] : [{ from: 0, to: wanted.to }, { from: wanted.from, to: 1440 }];
  return parts.map((p) => ({ from: Math.max(w.from, p.from), to: Math.min(w.to, p.to) })).filter((p) => p.from < p.to);
}

/** Every hours-and-days rule that blocks a proactive message at this local time (empty when none does). Pure. */
export function hoursBlocks(rules: ComplianceRules, holidays: HolidayCalendar, local: LocalTime, preferred: PreferredContact | null, at: Date): ComplianceCode[] {
  const codes: ComplianceCode[] = [];
  const windows = rules.hours[local.weekday];
  if (rules.closedOnHolidays && holidays(local.date)) codes.push('COMPLIANCE.HOLIDAY');
  if (windows.length === 0) codes.push(local.weekday === 'sun' ? 'COMPLIANCE.SUNDAY' : 'COMPLIANCE.CLOSED_DAY');
  else if (!windows.some((w) => inside(w, local.minutes))) codes.push('COMPLIANCE.QUIET_HOURS');
  if (preferred && isOutsidePreferred(preferred, local.minutes, at)) codes.push('COMPLIANCE.PREFERRED_TIME');
  return codes;
}

function inside(w: TimeWindow, minutes: number): boolean {
  return minutes >= w.from && minutes < w.to;
}

function isOutsidePreferred(preferred: PreferredContact, minutes: number, at: Date): boolean {
  if (preferred.notBefore && at.getTime() < preferred.notBefore.getTime()) return true;
  const wanted = preferred.window;
  if (!wanted) return false;
  return wanted.from < wanted.to ? !inside(wanted, minutes) : minutes < wanted.from && minutes >= wanted.to;
}
