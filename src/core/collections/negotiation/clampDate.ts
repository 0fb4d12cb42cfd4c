import { addDays } from '../dates/addPeriod';
import { daysBetween, parseIsoDate } from '../dates/isoDate';

/**
 * A requested date moved into [today, today + withinDays]; `fallback` (default: the window's last day) when none
 * was requested or it is not a real date. Says which bound moved it. Pure.
 */
export function clampDate(requested: string | undefined, today: string, withinDays: number, fallback?: string): { date: string; moved: 'past' | 'late' | null } {
  const latest = addDays(today, withinDays);
  if (requested === undefined || !parseIsoDate(requested)) return { date: fallback ?? latest, moved: null };
  if (daysBetween(today, requested) < 0) return { date: today, moved: 'past' };
  if (daysBetween(requested, latest) < 0) return { date: latest, moved: 'late' };
  return { date: requested, moved: null };
}
