import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addPeriods, addWeeks } from '../../../src/core/collections/dates/addPeriod';
import { daysPastDue } from '../../../src/core/collections/dates/daysPastDue';
import { fromDayNumber, isoDateSchema, isoToDayNumber } from '../../../src/core/collections/dates/isoDate';
import { localDate } from '../../../src/core/collections/dates/localDate';

describe('daysPastDue', () => {
  it('counts on the debtor calendar, not UTC', () => {
    // 02:00 UTC on Dec 16 is still Dec 15 in Bogotá (UTC−5): not yet past due there.
    const now = new Date('2026-12-16T02:00:00Z');
    expect(daysPastDue('2026-12-15', now, 'America/Bogota')).toBe(0);
    expect(daysPastDue('2026-12-15', now, 'Europe/Madrid')).toBe(1);
    expect(daysPastDue('2026-12-15', new Date('2027-03-15T15:00:00Z'), 'America/Mexico_City')).toBe(90);
    expect(daysPastDue('2027-01-10', now, 'America/Lima')).toBe(0);
  });

  it('handles DST changes without losing or gaining a day', () => {
    expect(daysPastDue('2026-03-28', new Date('2026-03-30T12:00:00Z'), 'Europe/Madrid')).toBe(2);
    expect(localDate(new Date('2026-04-05T03:30:00Z'), 'America/Santiago')).toBe('2026-04-04');
  });
});

describe('calendar arithmetic', () => {
  it('keeps the anchor day of month, clamped at month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonths('2026-02-28', 1, 31)).toBe('2026-03-31');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect([0, 1, 2, 3].map((n) => addPeriods('2026-01-31', 'monthly', n))).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(addWeeks('2026-12-29', 1)).toBe('2027-01-05');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isoDateSchema.safeParse('2026-02-30').success).toBe(false);
  });

  it('agrees with the platform calendar for day numbers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (day) => {
        const iso = fromDayNumber(day);
        expect(iso).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
        expect(isoToDayNumber(iso)).toBe(day);
      }),
    );
  });

  it('never moves monthly dates backwards and never past the anchor day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 1, max: 60 }), (day, months) => {
        const start = fromDayNumber(day);
        const later = addMonths(start, months);
        expect(isoToDayNumber(later)).toBeGreaterThan(isoToDayNumber(addMonths(start, months - 1)));
        expect(Number(later.slice(8))).toBeLessThanOrEqual(Number(start.slice(8)));
      }),
    );
  });
});
