import { addDays } from '../collections/dates/addPeriod';
import type { Cadence, EventKind } from './cadenceSchema';
import type { OutreachAccount } from './outreachAccount';

/** One dated occurrence of a step for an account: the step, the local date it is due on, how long it stays valid. */
export interface Occurrence {
  stepId: string;
  /** 'cadence' for a step relative to the due date; the event it is anchored to otherwise. */
  kind: 'cadence' | EventKind;
  date: string;
  validDays: number;
  template: string;
}

/** Only these kinds go out while a promise is pending (not yet due): its own reminders. */
export const PROMISE_KINDS: ReadonlySet<Occurrence['kind']> = new Set(['promise_due']);
/** Only these kinds go out while a plan is active: installment reminders (and, once one is missed, its follow-up). */
export const PLAN_KINDS: ReadonlySet<Occurrence['kind']> = new Set(['installment_due', 'installment_missed']);

/**
 * Every dated occurrence of the cadence's steps for the account: steps relative to the due date (repeats
 * expanded up to `until`), promise steps relative to the latest promise's date (pending or broken), installment
 * steps relative to each unpaid installment of the active plan. Pure.
 */
export function listOccurrences(cadence: Cadence, account: OutreachAccount): Occurrence[] {
  const out: Occurrence[] = [];
  for (const step of cadence.steps) {
    const validDays = step.validDays ?? 3;
    const last = step.every !== undefined && step.until !== undefined ? step.until : step.day;
    for (let day = step.day; day <= last; day += step.every ?? 1) {
      out.push({ stepId: step.id, kind: 'cadence', date: addDays(account.dueDate, day), validDays, template: step.template });
    }
  }
  for (const event of cadence.events) {
    const validDays = event.validDays ?? 1;
    for (const anchor of anchorsOf(event.on, account)) out.push({ stepId: event.id, kind: event.on, date: addDays(anchor, event.day), validDays, template: event.template });
  }
  return out;
}

function anchorsOf(kind: EventKind, account: OutreachAccount): string[] {
  switch (kind) {
    case 'promise_due':
      return account.promise?.status === 'pending' ? [account.promise.dueDate] : [];
    case 'promise_broken':
      return account.promise?.status === 'broken' ? [account.promise.dueDate] : [];
    case 'installment_due':
    case 'installment_missed':
      return account.installments.filter((i) => !i.paid).map((i) => i.dueDate);
  }
}
