import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/core/nlu/parseDate';

// Monday 23 November 2026, 10:00 in Bogotá and 16:00 in Madrid.
const now = new Date('2026-11-23T15:00:00Z');
const bogota = { locale: 'es-CO', timeZone: 'America/Bogota', now };
const madrid = { locale: 'es-ES', timeZone: 'Europe/Madrid', now };
const newYork = { locale: 'en-US', timeZone: 'America/New_York', now };

describe('parseDate', () => {
  it.each([
    ['hoy', '2026-11-23'],
    ['mañana', '2026-11-24'],
    ['pasado mañana', '2026-11-25'],
    ['el viernes', '2026-11-27'],
    ['este viernes', '2026-11-27'],
    ['el próximo lunes', '2026-11-30'],
    ['el lunes', '2026-11-30'],
    ['el 15', '2026-12-15'],
    ['el 30', '2026-11-30'],
    ['15 de diciembre', '2026-12-15'],
    ['15/12', '2026-12-15'],
    ['fin de mes', '2026-11-30'],
    ['a fin de mes', '2026-11-30'],
    ['la otra semana', '2026-11-30'],
    ['en dos semanas', '2026-12-07'],
    ['en 3 días', '2026-11-26'],
    ['la quincena', '2026-11-30'],
    ['ayer', '2026-11-22'],
  ])('es-CO %s → %s', (text, iso) => {
    expect(parseDate(text, bogota)).toBe(iso);
  });

  it.each([
    ['next Friday', '2026-11-27'],
    ['tomorrow', '2026-11-24'],
    ['on the 15th', '2026-12-15'],
    ['December 15', '2026-12-15'],
    ['in two weeks', '2026-12-07'],
    ['end of the month', '2026-11-30'],
    ['12/15', '2026-12-15'],
  ])('en-US %s → %s', (text, iso) => {
    expect(parseDate(text, newYork)).toBe(iso);
  });

  it('never resolves a future-looking phrase to a past day', () => {
    const on20th = { ...bogota, now: new Date('2026-11-20T15:00:00Z') };
    expect(parseDate('el 15', on20th)).toBe('2026-12-15');
    expect(parseDate('el 20', on20th)).toBe('2026-11-20');
    expect(parseDate('15/11', on20th)).toBe('2027-11-15');
    expect(parseDate('la quincena', { ...bogota, now: new Date('2026-11-10T15:00:00Z') })).toBe('2026-11-15');
    expect(parseDate('el 31', bogota)).toBe('2026-12-31');
  });

  it('resolves against the debtor’s calendar day, not UTC', () => {
    // 23:30 UTC on Monday is already Tuesday in Madrid but still Monday in Bogotá.
    const late = new Date('2026-11-23T23:30:00Z');
    expect(parseDate('mañana', { ...madrid, now: late })).toBe('2026-11-25');
    expect(parseDate('mañana', { ...bogota, now: late })).toBe('2026-11-24');
    expect(parseDate('el martes', { ...madrid, now: late })).toBe('2026-12-01');
    expect(parseDate('el martes', { ...bogota, now: late })).toBe('2026-11-24');
  });

  it('does not read "en la mañana" (in the morning) as tomorrow, nor a plain number as a date', () => {
    expect(parseDate('en la mañana', bogota)).toBeUndefined();
    expect(parseDate('puedo dar 50 mil', bogota)).toBeUndefined();
    expect(parseDate('no tengo plata', bogota)).toBeUndefined();
  });
});
