import { describe, expect, it } from 'vitest';
import { createHolidayCalendar } from '../../../src/core/compliance';

describe('createHolidayCalendar (date-holidays, by local date)', () => {
  it('CO: the national holidays Ley 2300 closes, moved to Monday as the Ley Emiliani moves them', () => {
    const co = createHolidayCalendar('CO', null);
    expect(['2026-01-12', '2026-12-08', '2026-12-25'].map(co)).toEqual([true, true, true]);
    expect(co('2026-01-06')).toBe(false); // Reyes falls on Tuesday 6 January 2026 and is observed on Monday 12
  });
  it('ES: a regional holiday closes the day only where the debtor lives (Sant Joan in Catalonia)', () => {
    expect(createHolidayCalendar('ES', 'CT')('2026-06-24')).toBe(true);
    expect(createHolidayCalendar('ES', 'MD')('2026-06-24')).toBe(false);
    expect(createHolidayCalendar('ES', null)('2026-06-24')).toBe(false);
  });
  it('ES-CT and US-CA: the full ISO 3166-2 code of the portfolio selects the regional calendar (Diada, César Chávez Day)', () => {
    expect(createHolidayCalendar('ES', 'ES-CT')('2026-09-11')).toBe(true);
    expect(createHolidayCalendar('ES', 'ES-MD')('2026-09-11')).toBe(false);
    expect(createHolidayCalendar('US', 'US-CA')('2026-03-31')).toBe(true);
    expect(createHolidayCalendar('US', 'US-NY')('2026-03-31')).toBe(false);
  });
  it('observances are not holidays, and an unknown region falls back to the national calendar', () => {
    expect(createHolidayCalendar('CO', null)('2026-03-29')).toBe(false); // Palm Sunday: an observance
    expect(createHolidayCalendar('CO', 'XX')('2026-12-08')).toBe(true);
  });
});
