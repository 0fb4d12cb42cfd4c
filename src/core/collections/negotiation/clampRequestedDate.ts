import type { Violation } from '../plan/plan';
import { clampDate } from './clampDate';
import type { Adjustment } from './offer';

/** What happened to a requested date: the date offered, and the adjustment and violation when it had to move. */
export interface ClampedRequest {
  date: string;
  adjustments: Adjustment[];
  violations: Violation[];
}

/**
 * Moves a requested date into [today, today + withinDays] (see clampDate) and, when it moved, records why with the
 * code for the bound it crossed (`codes.past` or `codes.late`) and the policy's `message`. Pure.
 */
export function clampRequestedDate(
  requested: string | undefined,
  today: string,
  withinDays: number,
  codes: { past: string; late: string },
  message: string,
): ClampedRequest {
  const when = clampDate(requested, today, withinDays);
  if (!when.moved) return { date: when.date, adjustments: [], violations: [] };
  const code = when.moved === 'past' ? codes.past : codes.late;
  return { date: when.date, adjustments: [{ field: 'date', code, requested, offered: when.date }], violations: [{ code, message }] };
}
