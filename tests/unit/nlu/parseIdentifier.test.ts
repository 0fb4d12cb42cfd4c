import { describe, expect, it } from 'vitest';
import { parseIdentifier } from '../../../src/core/nlu/parseIdentifier';

const now = new Date('2026-11-23T15:00:00Z');
const es = { locale: 'es-CO', now };
const en = { locale: 'en-US', now };

describe('parseIdentifier', () => {
  it.each([
    ['1234', es, '1234'],
    ['mi cedula es 1.023.456.789', es, '1023456789'],
    ['CC 1023456789', es, '1023456789'],
    ['rut 12.345.678-k', { locale: 'es-CL', now }, '12345678'],
    ['los ultimos 4 son 0042', es, '0042'],
    ['15/03/1985', es, '1985-03-15'],
    ['15 de marzo de 1985', es, '1985-03-15'],
    ['1985-03-15', es, '1985-03-15'],
    ['03/15/1985', en, '1985-03-15'],
    ['born March 15, 1985', en, '1985-03-15'],
  ])('%s → %s', (text, ctx, id) => {
    expect(parseIdentifier(text, ctx)).toBe(id);
  });

  it('only answers when the text looks like an answer, unless the state asked for it', () => {
    expect(parseIdentifier('puedo pagar 1234', es)).toBeUndefined();
    expect(parseIdentifier('50.000', es)).toBeUndefined();
    expect(parseIdentifier('creo que es 98765432', es)).toBeUndefined();
    expect(parseIdentifier('creo que es 98765432', { ...es, expected: true })).toBe('98765432');
  });

  // Issue 12: birth dates in words were not read ("30 de septiembre del 90" became a payment date in 2027).
  it.each([
    ['30 de septiembre del 90', es, '1990-09-30'],
    ['treinta de septiembre de 1990', es, '1990-09-30'],
    ['treinta de septiembre del noventa', es, '1990-09-30'],
    ['el 5 de mayo del 88', { locale: 'es-MX', now }, '1988-05-05'],
    ['naci el primero de mayo del 2001', { locale: 'es-PE', now }, '2001-05-01'],
    ['el cinco de mayo de mil novecientos ochenta y ocho', es, '1988-05-05'],
    ['september 30th 1990', en, '1990-09-30'],
    ['September 30th, 1990', en, '1990-09-30'],
    ['30th of september 1990', en, '1990-09-30'],
    ['the fifth of may of 88', en, '1988-05-05'],
    ['born sept 30 90', en, '1990-09-30'],
    ['9/30/90', en, '1990-09-30'],
  ])('birth date in words: %s → %s', (text, ctx, id) => {
    expect(parseIdentifier(text, ctx)).toBe(id);
  });

  it('reads a date in words with a two-digit year as a birth date only where it cannot be a payment date', () => {
    // The year of a promise ("del 26" is this year) or an amount after the date is not a birth year.
    expect(parseIdentifier('le pago el 30 de diciembre del 26', es)).toBeUndefined();
    expect(parseIdentifier('el 15 de diciembre 50 mil', es)).toBeUndefined();
    expect(parseIdentifier('15/12/26', es)).toBeUndefined();
    // Without a connector ("del", "of") a two-digit year needs a birth-date keyword or the question asked.
    expect(parseIdentifier('sept 30 90', en)).toBeUndefined();
    expect(parseIdentifier('sept 30 90', { ...en, expected: true })).toBe('1990-09-30');
  });

  it('does not take a future or too recent date as a birth date', () => {
    expect(parseIdentifier('15/12/2026', es)).toBeUndefined();
  });
});
