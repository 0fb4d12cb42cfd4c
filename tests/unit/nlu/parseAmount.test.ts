import { describe, expect, it } from 'vitest';
import { getMinorDigits } from '../../../src/core/nlu/getMinorDigits';
import { parseAmount } from '../../../src/core/nlu/parseAmount';
import { parseNumeral } from '../../../src/core/nlu/parseNumeral';

const co = { locale: 'es-CO', currency: 'COP' };
const us = { locale: 'en-US', currency: 'USD' };

describe('parseAmount', () => {
  it.each([
    ['50 mil', co, 5_000_000, 'COP'],
    ['cincuenta mil pesos', co, 5_000_000, 'COP'],
    ['$50.000', co, 5_000_000, 'COP'],
    ['50k', co, 5_000_000, 'COP'],
    ['1.250.000,50', co, 125_000_050, 'COP'],
    ['1,250,000.50', us, 125_000_050, 'USD'],
    ['USD 40', co, 4_000, 'USD'],
    ['40 dólares', co, 4_000, 'USD'],
    ['200 lucas', co, 20_000_000, 'COP'],
    ['2 palos', co, 200_000_000, 'COP'],
    ['medio palo', co, 50_000_000, 'COP'],
    ['S/ 150', { locale: 'es-PE', currency: 'PEN' }, 15_000, 'PEN'],
    ['S/. 150.50', { locale: 'es-PE', currency: 'PEN' }, 15_050, 'PEN'],
    ['150 soles', { locale: 'es-PE', currency: 'PEN' }, 15_000, 'PEN'],
    ['€30', { locale: 'es-ES', currency: 'EUR' }, 3_000, 'EUR'],
    ['30 euros', { locale: 'es-ES', currency: 'EUR' }, 3_000, 'EUR'],
    ['30 €', { locale: 'es-ES', currency: 'EUR' }, 3_000, 'EUR'],
    ['mil quinientos', { locale: 'es-MX', currency: 'MXN' }, 150_000, 'MXN'],
    ['500 varos', { locale: 'es-MX', currency: 'MXN' }, 50_000, 'MXN'],
    ['2 mil de lana', { locale: 'es-MX', currency: 'MXN' }, 200_000, 'MXN'],
    ['dos millones trescientos mil', co, 230_000_000, 'COP'],
    ['twelve hundred', us, 120_000, 'USD'],
    ['12.50', us, 1_250, 'USD'],
    ['100 bucks', us, 10_000, 'USD'],
  ])('%s → minor units', (text, ctx, minor, currency) => {
    expect(parseAmount(text, ctx)).toEqual({ minor, currency });
  });

  it('uses ISO 4217 minor digits: CLP has none', () => {
    expect(parseAmount('50 lucas', { locale: 'es-CL', currency: 'CLP' })).toEqual({ minor: 50_000, currency: 'CLP' });
    expect(parseAmount('$20.000', { locale: 'es-CL', currency: 'CLP' })).toEqual({ minor: 20_000, currency: 'CLP' });
    expect(getMinorDigits('CLP')).toBe(0);
    expect(getMinorDigits('COP')).toBe(2);
  });

  it('takes the currency from the context when none is said, and none when the context has none', () => {
    expect(parseAmount('puedo dar 300', { locale: 'es-MX', currency: 'MXN' })).toEqual({ minor: 30_000, currency: 'MXN' });
    expect(parseAmount('puedo dar 300', { locale: 'es-MX' })).toEqual({ minor: 30_000 });
  });

  it('reads "$" as the account currency when it is a dollar-sign currency, else as USD', () => {
    expect(parseAmount('$40', { locale: 'es-ES', currency: 'EUR' })).toEqual({ minor: 4_000, currency: 'USD' });
    expect(parseAmount('$800', { locale: 'es-MX', currency: 'MXN' })).toEqual({ minor: 80_000, currency: 'MXN' });
  });

  it('ignores numbers that are days, counts or times, and picks the money in a mixed sentence', () => {
    expect(parseAmount('el 15', co)).toBeUndefined();
    expect(parseAmount('15/12', co)).toBeUndefined();
    expect(parseAmount('en 6 cuotas', co)).toBeUndefined();
    expect(parseAmount('en 3 dias', co)).toBeUndefined();
    expect(parseAmount('6 cuotas de 50 mil el 15', co)).toEqual({ minor: 5_000_000, currency: 'COP' });
    expect(parseAmount('mil gracias', co)).toBeUndefined();
  });
});

describe('parseNumeral (separators)', () => {
  it.each([
    ['50.000', 5_000_000],
    ['50,000', 5_000_000],
    ['1.250.000,50', 125_000_050],
    ['1,250,000.50', 125_000_050],
    ['12.50', 1_250],
    ['12,5', 1_250],
    ['12.500', 1_250_000],
    ['007', 700],
  ])('%s → %i hundredths', (text, hundredths) => {
    expect(parseNumeral(text)).toBe(hundredths);
  });

  it('rejects malformed groupings', () => {
    expect(parseNumeral('1.2345')).toBeUndefined();
    expect(parseNumeral('1,25,000')).toBeUndefined();
  });
});
