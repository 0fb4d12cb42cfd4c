import type { ComplianceCode } from './complianceCodes';
import { daysBetween, toLocalTime } from './localTime';
import type { ComplianceRules, PastContact, SendChannel } from './types';

const WEEK_MS = 7 * 24 * 3_600_000;

/** The contact channel a send channel counts under (Baileys is the same WhatsApp number). Pure. */
export function contactChannel(channel: SendChannel): PastContact['channel'] {
  return channel === 'baileys' ? 'whatsapp' : channel;
}

/**
 * Every frequency rule that blocks one more proactive contact on `channel` at `at`, given the contacts already made
 * (only those at or before `at` count). Pure.
 */
export function frequencyBlocks(rules: ComplianceRules, history: readonly PastContact[], channel: SendChannel, at: Date, timeZone: string): ComplianceCode[] {
  const past = history.filter((c) => c.at.getTime() <= at.getTime());
  const codes: ComplianceCode[] = [];
  const { perDay, perWeek, minDaysApart, channelsPerWeek } = rules.frequency;
  const today = toLocalTime(at, timeZone).date;
  const days = past.map((c) => daysBetween(toLocalTime(c.at, timeZone).date, today));
  const inWeek = past.filter((c) => at.getTime() - c.at.getTime() < WEEK_MS);
  if ((perDay !== null && days.filter((d) => d === 0).length >= perDay) || (perWeek !== null && inWeek.length >= perWeek)) {
    codes.push('COMPLIANCE.FREQUENCY_CAP');
  }
  if (minDaysApart !== null && days.some((d) => d < minDaysApart)) codes.push('COMPLIANCE.MIN_SPACING');
  if (channelsPerWeek !== null) {
    const used = new Set(inWeek.map((c) => c.channel));
    if (!used.has(contactChannel(channel)) && used.size >= channelsPerWeek) codes.push('COMPLIANCE.CHANNEL_LIMIT');
  }
  return codes;
}

/**
 * The earliest instant from which the rolling-week rules (perWeek, channelsPerWeek) stop blocking, given no new
 * contact is made meanwhile: contacts only leave the week as time passes. Pure.
 */
export function weekRulesClearAt(rules: ComplianceRules, history: readonly PastContact[], channel: SendChannel, now: Date): Date {
  const past = history.filter((c) => c.at.getTime() <= now.getTime());
  let bound = now.getTime();
  const { perWeek, channelsPerWeek } = rules.frequency;
  const leaves = past.map((c) => c.at.getTime() + WEEK_MS).filter((t) => t > now.getTime()).sort((a, b) => b - a);
  if (perWeek !== null && leaves.length >= perWeek) bound = Math.max(bound, leaves[perWeek - 1] ?? bound);
  if (channelsPerWeek !== null) {
    const mine = contactChannel(channel);
    // Latest moment each other channel leaves the week; this channel is free once enough of them have left.
    const lastOf = new Map<string, number>();
    for (const c of past) if (c.channel !== mine) lastOf.set(c.channel, Math.max(lastOf.get(c.channel) ?? 0, c.at.getTime() + WEEK_MS));
    const pending = [...lastOf.values()].filter((t) => t > now.getTime()).sort((a, b) => b - a);
    if (!past.some((c) => c.channel === mine && c.at.getTime() + WEEK_MS > now.getTime()) && pending.length >= channelsPerWeek) {
      bound = Math.max(bound, pending[channelsPerWeek - 1] ?? bound);
    }
  }
  return new Date(bound);
}
