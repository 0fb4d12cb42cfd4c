import { daysBetween } from '../collections/dates/isoDate';
import type { Cadence } from './cadenceSchema';
import type { OutreachAccount } from './outreachAccount';

/**
 * The cadence that applies to an account on the debtor's local `today`: creditor, product, segment, days past
 * due (negative before the due date) and balance band all match; the highest priority wins, then the earliest
 * file. Undefined when none applies. Pure.
 */
export function selectCadence(cadences: readonly Cadence[], account: OutreachAccount, today: string): Cadence | undefined {
  let best: Cadence | undefined;
  for (const cadence of cadences) {
    if (!matchesStatic(cadence, account) || !inBand(cadence.applies.daysPastDue, daysBetween(account.dueDate, today))) continue;
    if (!best || cadence.priority > best.priority) best = cadence;
  }
  return best;
}

/**
 * The first local date after `today` on which some cadence whose other filters match would start applying by
 * days past due, or undefined when none ever will. Lets the sweep sleep until then. Pure.
 */
export function nextCadenceDate(cadences: readonly Cadence[], account: OutreachAccount, today: string): number | undefined {
  const dpd = daysBetween(account.dueDate, today);
  let soonest: number | undefined;
  for (const cadence of cadences) {
    const min = cadence.applies.daysPastDue?.min;
    if (!matchesStatic(cadence, account) || min === undefined || min <= dpd) continue;
    soonest = soonest === undefined ? min - dpd : Math.min(soonest, min - dpd);
  }
  return soonest;
}

function matchesStatic(cadence: Cadence, account: OutreachAccount): boolean {
  const { applies } = cadence;
  if (applies.creditors && !applies.creditors.includes(account.creditor)) return false;
  if (applies.products && !applies.products.includes(account.product)) return false;
  if (applies.segments && (account.segment === null || !applies.segments.includes(account.segment))) return false;
  return inBand(applies.balanceMinor, account.balanceMinor);
}

function inBand(band: { min?: number | undefined; max?: number | undefined } | undefined, value: number): boolean {
  if (!band) return true;
  return (band.min === undefined || value >= band.min) && (band.max === undefined || value <= band.max);
}
