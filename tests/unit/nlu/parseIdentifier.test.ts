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

  it('does not take a future or too recent date as a birth date', () => {
    expect(parseIdentifier('15/12/2026', es)).toBeUndefined();
  });
});
