import { describe, expect, it } from 'vitest';
import { decideContact } from '../../../src/core/compliance';
import { gateInput } from './gateInput';

// 2026-12-05 is a Saturday; Bogotá is UTC−5 all year.
describe('decideContact: hours (CO, Ley 2300 de 2023 art. 3)', () => {
  it('CO: Saturday 14:59 is inside Ley 2300 hours', () => {
    expect(decideContact(gateInput('2026-12-05T19:59:00Z')).action).toBe('send');
  });

  it('CO: Saturday 15:00 is outside Ley 2300 hours, deferred to Monday 7:00', () => {
    const decision = decideContact(gateInput('2026-12-05T20:00:00Z'));
    expect(decision).toMatchObject({ action: 'defer', reasons: ['COMPLIANCE.QUIET_HOURS'] });
    expect(decision.nextAllowedAt?.toISOString()).toBe('2026-12-07T12:00:00.000Z');
  });

  it('CO: Sunday is never allowed by Ley 2300', () => {
    const decision = decideContact(gateInput('2026-12-06T15:00:00Z'));
    expect(decision.reasons).toEqual(['COMPLIANCE.SUNDAY']);
    expect(decision.nextAllowedAt?.toISOString()).toBe('2026-12-07T12:00:00.000Z');
  });

  it('CO: weekday 19:00 is outside Ley 2300 hours (Mon–Fri 7:00–19:00), 18:59 inside', () => {
    expect(decideContact(gateInput('2026-12-07T23:59:00Z')).action).toBe('send');
    expect(decideContact(gateInput('2026-12-08T00:00:00Z')).nextAllowedAt?.toISOString()).toBe('2026-12-08T12:00:00.000Z');
  });

  it('CO: a holiday is never allowed by Ley 2300, next allowed the day after', () => {
    const decision = decideContact(gateInput('2026-12-08T15:00:00Z', { holidays: ['2026-12-08'] }));
    expect(decision.reasons).toEqual(['COMPLIANCE.HOLIDAY']);
    expect(decision.nextAllowedAt?.toISOString()).toBe('2026-12-09T12:00:00.000Z');
  });

  it('a reply to what the debtor just wrote is not held by the hours', () => {
    const decision = decideContact(gateInput('2026-12-06T04:00:00Z', { request: { purpose: 'reply' } }));
    expect(decision).toMatchObject({ action: 'send', reasons: [], ruleSet: 'reply' });
  });
});
