import { describe, expect, it } from 'vitest';
import { createHolidayCalendar, decideContact } from '../../../src/core/compliance';
import type { ComplianceInput, PastContact } from '../../../src/core/compliance';
import { rulesFor } from '../../../src/core/compliance/ruleBook';
import { CO_RULES, gateInput } from './gateInput';
import { SHIPPED, shipped } from './shippedRules';

/** A proactive SMS in `country` at the instant, with the country's shipped rules and real holidays. */
function at(country: string, timeZone: string, instant: string, history: PastContact[] = [], channel: 'sms' | 'whatsapp' = 'sms'): ComplianceInput {
  const input = gateInput(instant, { rules: shipped(country), facts: { country, timeZone }, history, request: { channel, hasTemplate: true } });
  return { ...input, holidays: createHolidayCalendar(country, null) };
}
const decide = (...args: Parameters<typeof at>) => decideContact(at(...args));
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('CO, Ley 2300 de 2023 art. 3 (America/Bogota, UTC−5)', () => {
  const co = (instant: string, history: PastContact[] = [], channel: 'sms' | 'whatsapp' = 'sms') => decide('CO', 'America/Bogota', instant, history, channel);

  it('the shipped CO.yaml holds the figures of art. 3', () => {
    expect(shipped('CO')).toEqual(CO_RULES);
  });
  it('CO: Saturday 15:00 is outside Ley 2300 hours; 14:59 and 8:00 are inside, 7:59 is not', () => {
    expect(co('2026-12-05T20:00:00Z').reasons).toEqual(['COMPLIANCE.QUIET_HOURS']);
    expect(co('2026-12-05T19:59:00Z').action).toBe('send');
    expect(co('2026-12-05T13:00:00Z').action).toBe('send');
    expect(co('2026-12-05T12:59:00Z').reasons).toEqual(['COMPLIANCE.QUIET_HOURS']);
  });
  it('CO: a weekday from 7:00 to 19:00 is inside Ley 2300 hours; 6:59 and 19:00 are not', () => {
    expect(co('2026-12-09T12:00:00Z').action).toBe('send');
    expect(co('2026-12-09T11:59:00Z').action).toBe('defer');
    expect(co('2026-12-10T00:00:00Z').action).toBe('defer');
  });
  it('CO: 8 December (Inmaculada Concepción) is a holiday under Ley 2300; the message waits for the 9th at 7:00', () => {
    const d = co('2026-12-08T15:00:00Z');
    expect(d).toMatchObject({ action: 'defer', reasons: ['COMPLIANCE.HOLIDAY'] });
    expect(iso(d.nextAllowedAt)).toBe('2026-12-09T12:00:00.000Z');
  });
  it('CO: Sunday is never allowed by Ley 2300; a Sunday before a Monday holiday waits until Tuesday', () => {
    expect(co('2026-12-06T15:00:00Z').reasons).toEqual(['COMPLIANCE.SUNDAY']);
    // 2027-01-10 is a Sunday and 2027-01-11 the Reyes holiday (moved to Monday).
    expect(iso(co('2027-01-10T15:00:00Z').nextAllowedAt)).toBe('2027-01-12T12:00:00.000Z');
  });
  it('CO: one contact a day under Ley 2300 (a second one waits for the next day at 7:00)', () => {
    const d = co('2026-12-09T20:00:00Z', [{ at: new Date('2026-12-09T13:00:00Z'), channel: 'sms' }]);
    expect(d).toMatchObject({ action: 'defer', reasons: ['COMPLIANCE.FREQUENCY_CAP'] });
    expect(iso(d.nextAllowedAt)).toBe('2026-12-10T12:00:00.000Z');
  });
  it('CO: one channel in a week under Ley 2300 (WhatsApp waits 7 days after an SMS; SMS goes the next day)', () => {
    const history: PastContact[] = [{ at: new Date('2026-12-09T13:00:00Z'), channel: 'sms' }];
    const whatsapp = co('2026-12-10T14:00:00Z', history, 'whatsapp');
    expect(whatsapp.reasons).toEqual(['COMPLIANCE.CHANNEL_LIMIT']);
    expect(iso(whatsapp.nextAllowedAt)).toBe('2026-12-16T13:00:00.000Z');
    expect(co('2026-12-10T14:00:00Z', history, 'sms').action).toBe('send');
  });
  it('CO: a creditor may narrow Ley 2300 hours (Banco Andino: no Saturdays, weekdays 8–18)', () => {
    const rules = rulesFor(SHIPPED, 'CO', ['Banco Andino']);
    expect(rules?.hours.sat).toEqual([]);
    const input = { ...at('CO', 'America/Bogota', '2026-12-05T14:00:00Z'), rules };
    const d = decideContact(input);
    expect(d.reasons).toEqual(['COMPLIANCE.CLOSED_DAY']);
    expect(iso(d.nextAllowedAt)).toBe('2026-12-07T13:00:00.000Z');
  });
});

describe('PE, Ley 29571 art. 62 (America/Lima, UTC−5)', () => {
  const pe = (instant: string) => decide('PE', 'America/Lima', instant);
  it('PE: 20:00 is inside the Ley 29571 art. 62 quiet hours (20:00–7:00); 19:59 and 7:00 are not', () => {
    expect(pe('2026-12-17T01:00:00Z').reasons).toEqual(['COMPLIANCE.QUIET_HOURS']);
    expect(pe('2026-12-17T00:59:00Z').action).toBe('send');
    expect(pe('2026-12-17T12:00:00Z').action).toBe('send');
    expect(iso(pe('2026-12-17T11:59:00Z').nextAllowedAt)).toBe('2026-12-17T12:00:00.000Z');
  });
  it('PE: Saturday is closed by Ley 29571 art. 62; Friday night waits until Monday 7:00', () => {
    expect(pe('2026-12-05T15:00:00Z').reasons).toEqual(['COMPLIANCE.CLOSED_DAY']);
    expect(iso(pe('2026-12-12T01:00:00Z').nextAllowedAt)).toBe('2026-12-14T12:00:00.000Z');
  });
  it('PE: 8 December is a holiday under Ley 29571 art. 62', () => {
    expect(pe('2026-12-08T15:00:00Z').reasons).toEqual(['COMPLIANCE.HOLIDAY']);
  });
});

describe('CL, Ley 19.496 art. 37 / Ley 21.320 (America/Santiago)', () => {
  const cl = (instant: string, history: PastContact[] = []) => decide('CL', 'America/Santiago', instant, history);
  it('CL: Saturday 19:59 is inside Ley 19.496 art. 37 hours (Mon–Sat 8–20), 20:00 is not; Sunday never', () => {
    // December: Santiago is on summer time, UTC−3.
    expect(cl('2026-12-05T22:59:00Z').action).toBe('send');
    expect(cl('2026-12-05T23:00:00Z').reasons).toEqual(['COMPLIANCE.QUIET_HOURS']);
    expect(cl('2026-12-06T15:00:00Z').reasons).toEqual(['COMPLIANCE.SUNDAY']);
  });
  it('CL: contacts at least two days apart under Ley 21.320 (Monday, then Wednesday 8:00)', () => {
    const d = cl('2027-01-05T15:00:00Z', [{ at: new Date('2027-01-04T15:00:00Z'), channel: 'sms' }]);
    expect(d.reasons).toEqual(['COMPLIANCE.MIN_SPACING']);
    expect(iso(d.nextAllowedAt)).toBe('2027-01-06T11:00:00.000Z');
  });
  it('CL: at most twice a week under Ley 21.320 (a third waits until the first leaves the 7 days)', () => {
    const history: PastContact[] = [{ at: new Date('2027-01-04T15:00:00Z'), channel: 'sms' }, { at: new Date('2027-01-06T15:00:00Z'), channel: 'sms' }];
    const d = cl('2027-01-08T15:00:00Z', history);
    expect(d.reasons).toEqual(['COMPLIANCE.FREQUENCY_CAP']);
    expect(iso(d.nextAllowedAt)).toBe('2027-01-11T15:00:00.000Z');
  });
});

describe('MX, CONDUSEF (America/Mexico_City, UTC−6)', () => {
  const mx = (instant: string) => decide('MX', 'America/Mexico_City', instant);
  it('MX: 22:00 is outside CONDUSEF hours (7–22), 21:59 inside, 6:59 outside; Sundays are open', () => {
    expect(mx('2026-12-10T04:00:00Z').reasons).toEqual(['COMPLIANCE.QUIET_HOURS']);
    expect(mx('2026-12-10T03:59:00Z').action).toBe('send');
    expect(mx('2026-12-10T12:59:00Z').action).toBe('defer');
    expect(mx('2026-12-06T16:00:00Z').action).toBe('send');
  });
});

describe('US, Regulation F 12 CFR 1006.6 (America/New_York)', () => {
  const us = (instant: string) => decide('US', 'America/New_York', instant);
  it('US: 21:00 is an inconvenient time under 12 CFR 1006.6(b)(1) (8–21), 20:59 is not', () => {
    expect(us('2026-12-10T02:00:00Z').reasons).toEqual(['COMPLIANCE.QUIET_HOURS']);
    expect(us('2026-12-10T01:59:00Z').action).toBe('send');
  });
  it('US: 8:00 follows the local clock across the daylight-saving change (1006.6(b)(1))', () => {
    // 2027-03-14 is the spring-forward Sunday: 8:00 EDT is 12:00Z; the day before 8:00 EST is 13:00Z.
    expect(iso(us('2027-03-14T06:00:00Z').nextAllowedAt)).toBe('2027-03-14T12:00:00.000Z');
    expect(iso(us('2027-03-13T06:00:00Z').nextAllowedAt)).toBe('2027-03-13T13:00:00.000Z');
  });
  it('US: every electronic message carries an opt-out notice under 12 CFR 1006.6(e)', () => {
    expect(us('2026-12-10T15:00:00Z')).toMatchObject({ action: 'send', optOutNotice: true });
  });
});

describe('ES: conservative default (no statute)', () => {
  it('ES: Sunday is closed by the conservative default; Saturday 14:00 too', () => {
    expect(decide('ES', 'Europe/Madrid', '2026-12-13T11:00:00Z').reasons).toEqual(['COMPLIANCE.SUNDAY']);
    expect(decide('ES', 'Europe/Madrid', '2026-12-05T13:00:00Z').reasons).toEqual(['COMPLIANCE.QUIET_HOURS']);
    expect(decide('ES', 'Europe/Madrid', '2026-12-05T12:59:00Z').action).toBe('send');
  });
});
