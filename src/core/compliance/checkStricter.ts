import type { RulesOverride } from './rulesFileSchema';
import { parseWindow } from './toComplianceRules';
import type { ComplianceRules, Weekday } from './types';

/** A loosening in a creditor override: where (path under the jurisdiction) and why. */
export interface LooseningIssue {
  path: Array<string | number>;
  message: string;
}

const DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
type Cap = keyof ComplianceRules['frequency'];
const CAPS: readonly Cap[] = ['perDay', 'perWeek', 'channelsPerWeek'];

/**
 * Every place where a creditor's override would allow what the jurisdiction's rules forbid: a window outside the
 * law's windows, a holiday or an opt-out notice switched off, a cap raised or removed, a spacing shortened. A creditor
 * may only tighten the law. Pure.
 */
export function checkStricter(base: ComplianceRules, override: RulesOverride): LooseningIssue[] {
  const issues: LooseningIssue[] = [];
  for (const day of DAYS) {
    (override.hours?.[day] ?? []).forEach((text, i) => {
      const w = parseWindow(text);
      if (!base.hours[day].some((b) => b.from <= w.from && w.to <= b.to)) {
        issues.push({ path: ['hours', day, i], message: `window ${text} on ${day} is outside the ${base.jurisdiction} rules (${describeDay(base, day)}): a creditor may only narrow the hours` });
      }
    });
  }
  if (base.closedOnHolidays && override.closedOnHolidays === false) {
    issues.push({ path: ['closedOnHolidays'], message: `${base.jurisdiction} rules close public holidays: a creditor cannot open them` });
  }
  if (base.optOutNotice && override.optOutNotice === false) {
    issues.push({ path: ['optOutNotice'], message: `${base.jurisdiction} rules require an opt-out notice: a creditor cannot drop it` });
  }
  for (const cap of CAPS) {
    const limit = base.frequency[cap];
    const given = override.frequency?.[cap];
    if (given === undefined || limit === null) continue;
    if (given === null || given > limit) issues.push({ path: ['frequency', cap], message: `frequency.${cap} ${given ?? 'null (no cap)'} is looser than the ${base.jurisdiction} rules' ${limit}: a creditor may only lower it` });
  }
  const spacing = override.frequency?.minDaysApart;
  const minSpacing = base.frequency.minDaysApart;
  if (spacing !== undefined && minSpacing !== null && (spacing === null || spacing < minSpacing)) {
    issues.push({ path: ['frequency', 'minDaysApart'], message: `frequency.minDaysApart ${spacing ?? 'null'} is shorter than the ${base.jurisdiction} rules' ${minSpacing}: a creditor may only lengthen it` });
  }
  if (override.agentReplyHours !== undefined && override.agentReplyHours > base.agentReplyHours) {
    issues.push({ path: ['agentReplyHours'], message: `agentReplyHours ${override.agentReplyHours} is longer than the ${base.jurisdiction} rules' ${base.agentReplyHours}: a creditor may only shorten it` });
  }
  return issues;
}

function describeDay(rules: ComplianceRules, day: Weekday): string {
  const windows = rules.hours[day];
  if (windows.length === 0) return `${day} closed`;
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return windows.map((w) => `${hhmm(w.from)}-${hhmm(w.to)}`).join(', ');
}
