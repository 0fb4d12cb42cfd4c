import { describe, expect, it } from 'vitest';
import { parseCount } from '../../../src/core/nlu/parseCount';
import { parseFrequency } from '../../../src/core/nlu/parseFrequency';

describe('parseCount', () => {
  it.each([
    ['en 6 cuotas', 'es-CO', 6],
    ['seis pagos', 'es-MX', 6],
    ['6 meses', 'es-PE', 6],
    ['a doce meses', 'es-CO', 12],
    ['six payments', 'en-US', 6],
    ['in 3 installments', 'en-US', 3],
    ['una sola cuota', 'es-CL', 1],
  ])('%s → %i', (text, locale, count) => {
    expect(parseCount(text, locale)).toBe(count);
  });

  it('ignores durations in the past and plain numbers', () => {
    expect(parseCount('hace 6 meses', 'es-CO')).toBeUndefined();
    expect(parseCount('en 3 dias', 'es-CO')).toBeUndefined();
    expect(parseCount('puedo dar 50 mil', 'es-CO')).toBeUndefined();
  });
});

describe('parseFrequency', () => {
  it.each([
    ['semanal', 'es-CO', 'weekly'],
    ['cada semana', 'es-MX', 'weekly'],
    ['quincenal', 'es-MX', 'biweekly'],
    ['cada quince días', 'es-CO', 'biweekly'],
    ['mensual', 'es-PE', 'monthly'],
    ['100 mil al mes', 'es-CO', 'monthly'],
    ['every two weeks', 'en-US', 'biweekly'],
    ['weekly', 'en-US', 'weekly'],
    ['monthly', 'en-US', 'monthly'],
  ])('%s → %s', (text, locale, frequency) => {
    expect(parseFrequency(text, locale)).toBe(frequency);
  });

  it('does not read "in a month" as a frequency', () => {
    expect(parseFrequency('I will pay in a month', 'en-US')).toBeUndefined();
  });
});
