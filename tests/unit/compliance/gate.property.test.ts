import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideContact, fromLocalTime } from '../../../src/core/compliance';
import type { ComplianceInput, ComplianceRules, PastContact, TimeWindow, Weekday } from '../../../src/core/compliance';

const ZONES = ['America/Bogota', 'America/Lima', 'America/Santiago', 'America/Mexico_City', 'America/New_York', 'America/Los_Angeles', 'Europe/Madrid', 'Atlantic/Canary', 'Pacific/Chatham', 'Asia/Kolkata'];
const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const START = Date.UTC(2026, 0, 1);
const SPAN = 3 * 365 * 86_400_000;
const WEEK = 7 * 86_400_000;

/** The local clock by a route of its own (weekday names from Intl), so the oracle does not reuse the gate's code. */
function local(instant: Date, timeZone: string): { date: string; day: Weekday; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const day = String(parts.weekday).toLowerCase().slice(0, 3);
  const found = DAYS.find((d) => d === day);
  if (!found) throw new Error(`weekday ${day}`);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, day: found, minutes: Number(parts.hour) * 60 + Number(parts.minute) + Number(parts.second) / 60 };
}

const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/** Whether the rules allow a proactive message at `t`: the statement of the rules, written independently. */
function oracleAllows(input: ComplianceInput, rules: ComplianceRules, t: Date): boolean {
  const tz = input.facts.timeZone;
  const l = local(t, tz);
  if (rules.closedOnHolidays && input.holidays(l.date)) return false;
  if (!rules.hours[l.day].some((w) => l.minutes >= w.from && l.minutes < w.to)) return false;
  const past = input.history.filter((c) => c.at.getTime() <= t.getTime());
  const week = past.filter((c) => t.getTime() - c.at.getTime() < WEEK);
  const { perDay, perWeek, minDaysApart, channelsPerWeek } = rules.frequency;
  const gaps = past.map((c) => dayNumber(l.date) - dayNumber(local(c.at, tz).date));
  if (perDay !== null && gaps.filter((g) => g === 0).length >= perDay) return false;
  if (perWeek !== null && week.length >= perWeek) return false;
  if (minDaysApart !== null && gaps.some((g) => g < minDaysApart)) return false;
  if (channelsPerWeek !== null) {
    const used = new Set(week.map((c) => c.channel));
    if (!used.has('sms') && used.size >= channelsPerWeek) return false;
  }
  return true;
}

const windowArb: fc.Arbitrary<TimeWindow[]> = fc.oneof(
  { arbitrary: fc.constant<TimeWindow[]>([]), weight: 1 },
  { arbitrary: fc.tuple(fc.integer({ min: 0, max: 46 }), fc.integer({ min: 1, max: 28 })).map(([from, len]) => [{ from: from * 30, to: Math.min(1440, (from + len) * 30) }]), weight: 3 },
);
const rulesArb: fc.Arbitrary<ComplianceRules> = fc.record({
  jurisdiction: fc.constant('XX'),
  hours: fc.record({ mon: windowArb, tue: windowArb, wed: windowArb, thu: windowArb, fri: windowArb, sat: windowArb, sun: windowArb }),
  closedOnHolidays: fc.boolean(),
  frequency: fc.record({
    perDay: fc.option(fc.integer({ min: 1, max: 2 }), { freq: 1 }),
    perWeek: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 1 }),
    minDaysApart: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 1 }),
    channelsPerWeek: fc.option(fc.constant(1), { freq: 1 }),
  }),
  optOutNotice: fc.boolean(),
  agentReplyHours: fc.constant(24),
});

const inputArb = fc
  .record({
    rules: rulesArb,
    zone: fc.constantFrom(...ZONES),
    // Often on whole quarter hours, so the edges of the windows (7:00, 19:00) are hit exactly.
    now: fc.oneof(fc.integer({ min: START, max: START + SPAN }), fc.integer({ min: 0, max: SPAN / 900_000 }).map((q) => START + q * 900_000)),
    // Holidays as a set of day numbers relative to now, so they fall where the search looks.
    // Sometimes exactly on an edge of a window (7:00, 19:00) of the local day, where an off-by-one would show.
    edge: fc.option(fc.tuple(fc.boolean(), fc.constantFrom(0, -1, 1)), { freq: 2 }),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: -2, max: 20 }), { maxLength: 8 }),
    history: fc.array(fc.record({ ago: fc.integer({ min: 0, max: 12 * 86_400_000 }), channel: fc.constantFrom<PastContact['channel']>('sms', 'whatsapp') }), { maxLength: 3 }),
  })
  .map(({ rules, zone, now: drawn, edge, holidayOffsets, history }): { input: ComplianceInput; rules: ComplianceRules } => {
    const day = local(new Date(drawn), zone);
    const edgeWindow = edge ? rules.hours[day.day][0] : undefined;
    const now = edge && edgeWindow ? fromLocalTime(day.date, edge[0] ? edgeWindow.to : edgeWindow.from, zone).getTime() + edge[1] * 60_000 : drawn;
    const today = dayNumber(local(new Date(now), zone).date);
    const holidays = new Set(holidayOffsets.map((o) => new Date((today + o) * 86_400_000).toISOString().slice(0, 10)));
    const input: ComplianceInput = {
      request: { purpose: 'proactive', channel: 'sms', createdAt: new Date(now), hasTemplate: false },
      facts: { timeZone: zone, country: 'XX', region: null, consent: true, optedOut: false, wrongPartyAt: null, deceasedAt: null, disputeOpen: false, preferredContact: null, lastInboundAt: null },
      history: history.map((h) => ({ at: new Date(now - h.ago), channel: h.channel })),
      rules,
      holidays: (d) => holidays.has(d),
      now: new Date(now),
    };
    return { input, rules };
  });

describe('decideContact (property)', () => {
  it('never allows a proactive message outside the rules, and nextAllowedAt is allowed with nothing allowed before it', () => {
    fc.assert(
      fc.property(inputArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }), ({ input, rules }, probes) => {
        const decision = decideContact(input);
        const allowedNow = oracleAllows(input, rules, input.now);
        expect(decision.action === 'send').toBe(allowedNow);
        if (decision.nextAllowedAt) {
          expect(decision.action).toBe('defer');
          expect(decision.nextAllowedAt.getTime()).toBeGreaterThan(input.now.getTime());
          expect(oracleAllows(input, rules, decision.nextAllowedAt)).toBe(true);
          // Earliest: no probed instant between now and nextAllowedAt is allowed.
          const span = decision.nextAllowedAt.getTime() - input.now.getTime();
          for (const p of probes) expect(oracleAllows(input, rules, new Date(input.now.getTime() + Math.min(span - 1, Math.floor(p * span))))).toBe(false);
        }
        return true;
      }),
      { numRuns: 400, seed: 20261205 },
    );
  });
});
