import { addDays } from '../collections/dates/addPeriod';
import { daysBetween } from '../collections/dates/isoDate';
import type { Cadence, OutreachChannel } from './cadenceSchema';
import { chooseChannel } from './chooseChannel';
import { listOccurrences, PLAN_KINDS, PROMISE_KINDS } from './listOccurrences';
import type { Occurrence } from './listOccurrences';
import type { OutreachAccount } from './outreachAccount';
import type { OutreachGate } from './outreachGate';
import { OUTREACH_REASONS } from './outreachReasons';
import { preferredMoment } from './preferredMoment';
import { renderOutreachMessage } from './renderOutreachMessage';
import type { RenderedOutreach } from './renderOutreachMessage';
import { nextCadenceDate, selectCadence } from './selectCadence';
import { localClock, minutesOf, zonedInstant } from './zonedTime';

/** The occurrence a decision is about, with the key that makes writing it idempotent: (account, step, date). */
export interface DueStep {
  cadenceId: string;
  stepId: string;
  kind: Occurrence['kind'];
  /** The local date the step is due on (part of the unique key, so a late send is still the same step). */
  date: string;
  /** Days the step stays valid from `date` (after them it is stale and skipped). */
  validDays: number;
  template: string;
}

/**
 * What to do about an account now. `send`: write this message. `defer`: a step is due but may go out only at
 * `nextAllowedAt`. `skip`: a step is due and will not go out (reason). `idle`: nothing is due (a stop condition
 * may still be named). `nextActionAt` is when the sweep should look at the account again (null: only an event
 * such as a payment, a dispute resolved or a hand-back wakes it).
 */
export type OutreachDecision =
  | { action: 'send'; step: DueStep; channel: OutreachChannel; address: string; message: RenderedOutreach; reason: null; nextAllowedAt: null; nextActionAt: Date | null }
  | { action: 'defer'; step: DueStep; channel: OutreachChannel | null; reason: string; nextAllowedAt: Date; nextActionAt: Date }
  | { action: 'skip'; step: DueStep; channel: OutreachChannel | null; reason: string; nextAllowedAt: null; nextActionAt: Date | null }
  | { action: 'idle'; step: null; channel: null; reason: string | null; nextAllowedAt: null; nextActionAt: Date | null };

/** Which occurrences may go out while a promise is pending or a plan is active, and the reason for the rest. */
function restriction(account: OutreachAccount): { kinds: ReadonlySet<Occurrence['kind']>; reason: string } | undefined {
  if (account.promise?.status === 'pending') return { kinds: PROMISE_KINDS, reason: OUTREACH_REASONS.PROMISE_PENDING };
  if (account.installments.length > 0) return { kinds: PLAN_KINDS, reason: OUTREACH_REASONS.PLAN_ACTIVE };
  return undefined;
}

function stopReason(account: OutreachAccount): string | undefined {
  if (account.status === 'paid' || account.status === 'closed' || account.balanceMinor <= 0) return OUTREACH_REASONS.PAID;
  if (account.deceased) return OUTREACH_REASONS.DECEASED;
  if (account.disputeOpen || account.status === 'disputed') return OUTREACH_REASONS.DISPUTE_OPEN;
  if (account.handoff) return OUTREACH_REASONS.HANDOFF;
  return undefined;
}

/**
 * "What is due for this account now": picks the cadence that applies, the latest due occurrence the account's
 * state allows (event steps before cadence steps on the same date), then applies the stop and pause conditions,
 * the quiet period after the debtor wrote, one step a local day for the debtor (any account, any proactive message), the preferred contact time, the channel order
 * and the compliance gate, in that order. Pure: (account, cadences, now, gate) → decision with reasons.
 */
export function decideOutreach(account: OutreachAccount, cadences: readonly Cadence[], now: Date, gate: OutreachGate): OutreachDecision {
  const today = localClock(now, account.timezone).date;
  const cadence = selectCadence(cadences, account, today);
  const stop = stopReason(account);
  if (!cadence) {
    const days = stop ? undefined : nextCadenceDate(cadences, account, today);
    return idle(stop ?? null, days === undefined ? null : zonedInstant(addDays(today, days), 0, account.timezone));
  }
  const sendAt = minutesOf(cadence.sendAt);
  // Each occurrence's instant is asked for several times below: work it out once per date.
  const instants = new Map<string, Date>();
  const scheduledAt = (o: Occurrence): Date => {
    const known = instants.get(o.date);
    if (known) return known;
    const at = zonedInstant(o.date, sendAt, account.timezone);
    instants.set(o.date, at);
    return at;
  };
  const lastStep = account.lastStepAt;
  const live = listOccurrences(cadence, account).filter((o) => !account.sent.has(`${o.stepId}|${o.date}`) && !(lastStep && scheduledAt(o) <= lastStep));
  const limit = restriction(account);
  const allowed = (o: Occurrence) => !limit || limit.kinds.has(o.kind);
  const due = live.filter((o) => daysBetween(o.date, today) >= 0 && daysBetween(o.date, today) < o.validDays && scheduledAt(o) <= now).sort(latestFirst);
  const upcoming = live.filter((o) => allowed(o) && scheduledAt(o) > now).map(scheduledAt).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const pick = due.find(allowed);
  const first = due[0];
  if (stop) return first ? skip(stepOf(cadence, first), null, stop, null) : idle(stop, null);
  if (!pick) return first && limit ? skip(stepOf(cadence, first), null, limit.reason, upcoming) : idle(null, upcoming);
  const step = stepOf(cadence, pick);
  const lastDay = zonedInstant(addDays(pick.date, pick.validDays), 0, account.timezone);
  const hold = (reason: string, until: Date, channel: OutreachChannel | null): OutreachDecision =>
    until.getTime() < lastDay.getTime() ? { action: 'defer', step, channel, reason, nextAllowedAt: until, nextActionAt: until } : skip(step, channel, reason, upcoming);

  const contactedToday = (at: Date) => localClock(at, account.timezone).date === today;
  const nextDay = () => hold(OUTREACH_REASONS.DAILY_LIMIT, zonedInstant(addDays(today, 1), sendAt, account.timezone), null);
  if (lastStep && contactedToday(lastStep)) return nextDay();
  const lastInbound = Math.max(0, ...account.contacts.map((c) => c.lastInboundAt?.getTime() ?? 0));
  const quietUntil = lastInbound + cadence.quietAfterInboundHours * 3_600_000;
  if (quietUntil > now.getTime()) return hold(OUTREACH_REASONS.RECENT_INBOUND, new Date(quietUntil), null);
  const preferred = preferredMoment(account.preferredContact, now, account.timezone);
  if (preferred.getTime() > now.getTime()) return hold(OUTREACH_REASONS.PREFERRED_TIME, preferred, null);
  const template = cadence.templates[pick.template];
  if (!template) throw new Error(`cadence ${cadence.id} names template ${pick.template} it does not define (the loader checks this)`);
  const choice = chooseChannel(cadence, account, template, now);
  if (!choice.ok) return skip(step, null, choice.reason, upcoming);
  const verdict = gate({ account, channel: choice.channel, contact: choice.contact, hasTemplate: template.whatsapp !== undefined, notAfter: lastDay, at: now });
  if (!verdict.allowed) {
    const reason = verdict.reasons[0] ?? 'COMPLIANCE.BLOCKED';
    return verdict.nextAllowedAt ? hold(reason, verdict.nextAllowedAt, choice.channel) : skip(step, choice.channel, reason, upcoming);
  }
  // One proactive message a local day to the debtor, whatever the law allows: another account's step or an inactivity
  // reminder today holds this one (after the gate, so where the law caps contacts its own reason is the one given).
  if (account.history.some((h) => contactedToday(h.at))) return nextDay();
  const message = renderOutreachMessage(template, cadence.locales, account, choice.useContentTemplate);
  // After a send, the rest of today's occurrences are covered by it; look again at the next one, not before tomorrow.
  const tomorrow = zonedInstant(addDays(today, 1), 0, account.timezone);
  const nextActionAt = upcoming && upcoming.getTime() > tomorrow.getTime() ? upcoming : upcoming ? tomorrow : null;
  return { action: 'send', step, channel: choice.channel, address: choice.contact.address, message, reason: null, nextAllowedAt: null, nextActionAt };
}

function latestFirst(a: Occurrence, b: Occurrence): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return (a.kind === 'cadence' ? 1 : 0) - (b.kind === 'cadence' ? 1 : 0);
}

function stepOf(cadence: Cadence, o: Occurrence): DueStep {
  return { cadenceId: cadence.id, stepId: o.stepId, kind: o.kind, date: o.date, validDays: o.validDays, template: o.template };
}

function idle(reason: string | null, nextActionAt: Date | null): OutreachDecision {
  return { action: 'idle', step: null, channel: null, reason, nextAllowedAt: null, nextActionAt };
}

function skip(step: DueStep, channel: OutreachChannel | null, reason: string, nextActionAt: Date | null = null): OutreachDecision {
  return { action: 'skip', step, channel, reason, nextAllowedAt: null, nextActionAt };
}
